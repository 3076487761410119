using Ladder.Api.Primitives;
using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>HLS publishing settings.</summary>
[CelRule("!has(self.lowLatency) || !has(self.lowLatency.partTargetDuration) || !has(self.segmentDuration) || duration(self.lowLatency.partTargetDuration).getMilliseconds() * 2 <= duration(self.segmentDuration).getMilliseconds()",
    "lowLatency.partTargetDuration must be at most half of segmentDuration", FieldPath = ".lowLatency.partTargetDuration")]
[CelRule("!has(self.lowLatency) || !has(self.lowLatency.enabled) || !self.lowLatency.enabled || !has(self.container) || self.container == 'fmp4'",
    "low-latency parts are CMAF chunks; set container to fmp4", FieldPath = ".container")]
public sealed class HlsOutput
{
    /// <summary>Set false to turn HLS off. Default true.</summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Target segment duration; a whole multiple of the profile's gopSeconds. DASH uses the same segments.
    /// Default: two GOPs (4s with the default GOP).
    /// </summary>
    public Duration? SegmentDuration { get; set; }

    /// <summary>Segments listed in the live playlist. Default 6.</summary>
    [Minimum(2)]
    [Maximum(100)]
    public int? Window { get; set; }

    /// <summary>Segment container: fmp4 (CMAF, shared with DASH) or ts. Default fmp4.</summary>
    public HlsContainer? Container { get; set; }

    /// <summary>Low-Latency HLS parts and blocking playlist reload; off unless <c>lowLatency.enabled: true</c>. fmp4 only.</summary>
    public HlsLowLatency? LowLatency { get; set; }
}
