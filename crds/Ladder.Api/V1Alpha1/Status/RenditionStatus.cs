using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>A rendition being published.</summary>
public sealed class RenditionStatus
{
    /// <summary>Rendition name.</summary>
    [MaxLength(32)]
    public string? Name { get; set; }

    /// <summary>Width x height, e.g. 1280x720 (the source's for passthrough).</summary>
    [MaxLength(16)]
    public string? Resolution { get; set; }

    /// <summary>
    /// The configured target bitrate in bits per second; null for passthrough. The measured rate moves every second and
    /// is a metric (<c>ladder_pipeline_stage_bitrate_bit_per_second</c>), not status: status changes only with state.
    /// </summary>
    public long? Bitrate { get; set; }

    /// <summary>
    /// True while the rendition is 3 or more segments behind the others and players are not sent to it (out of the
    /// master playlist and the MPD): its encoder failed and a successor is catching up, or it encodes slower than real
    /// time. Absent while it is healthy.
    /// </summary>
    public bool? Degraded { get; set; }
}
