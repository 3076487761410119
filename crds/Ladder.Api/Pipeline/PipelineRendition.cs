using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Pipeline;

/// <summary>One rendition. For passthrough, only <see cref="Name"/> and <see cref="Passthrough"/> are set.</summary>
public sealed record PipelineRendition(string Name)
{
    /// <summary>The source video copied without re-encoding.</summary>
    public bool Passthrough { get; init; }

    /// <summary>Width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>Frame rate; null keeps the source rate.</summary>
    public double? Fps { get; init; }

    /// <summary>Target bitrate, bits per second.</summary>
    public long? Bitrate { get; init; }

    /// <summary>VBV maximum rate, bits per second.</summary>
    public long? MaxBitrate { get; init; }

    /// <summary>VBV buffer size, bits.</summary>
    public long? BufferSize { get; init; }

    /// <summary>Codec profile.</summary>
    public VideoProfile? Profile { get; init; }

    /// <summary>Codec level, or null to let the encoder choose.</summary>
    public string? Level { get; init; }
}
