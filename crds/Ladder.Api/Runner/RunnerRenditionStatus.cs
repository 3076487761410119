namespace Ladder.Api.Runner;

/// <summary>One rendition the runner publishes (<see cref="RunnerStatus.Renditions"/>).</summary>
public sealed record RunnerRenditionStatus
{
    /// <summary>The rendition's name from the spec.</summary>
    public required string Name { get; init; }

    /// <summary>Output width in pixels (the source's for passthrough), or null before the first frame.</summary>
    public int? Width { get; init; }

    /// <summary>Output height in pixels (the source's for passthrough), or null before the first frame.</summary>
    public int? Height { get; init; }

    /// <summary>Measured output bitrate, bits per second (the configured target until measured), or null.</summary>
    public long? Bitrate { get; init; }

    /// <summary>The configured target bitrate, bits per second, or null for a passthrough rendition.</summary>
    public long? TargetBitrate { get; init; }

    /// <summary>Output frame rate, frames per second, or null before the first frame.</summary>
    public double? Fps { get; init; }

    /// <summary>True once its first segment has been published.</summary>
    public bool Published { get; init; }

    /// <summary>
    /// True while the rendition is 3 or more segments behind the newest one (its encoder failed and a successor is
    /// catching up, or it encodes slower than real time): it is out of the HLS master playlist and the MPD meanwhile.
    /// </summary>
    public bool Degraded { get; init; }
}
