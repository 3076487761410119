namespace Ladder.Api.V1Alpha1;

/// <summary>A rendition being published.</summary>
public sealed class RenditionStatus
{
    /// <summary>Rendition name.</summary>
    public string? Name { get; set; }

    /// <summary>Width x height, e.g. 1280x720 (the source's for passthrough).</summary>
    public string? Resolution { get; set; }

    /// <summary>Measured or configured bitrate in bits per second.</summary>
    public long? Bitrate { get; set; }
}
