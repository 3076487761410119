using Ladder.Api.Primitives;
using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>
/// Low-latency DASH (ISO/IEC 23009-1 section 5.3.9.5.3 <c>availabilityTimeOffset</c>, the DASH-IF IOP low-latency
/// guidelines): each segment is cut into CMAF chunks (<c>moof</c> + <c>mdat</c>), the MPD announces a segment as soon
/// as its first chunk exists (<c>availabilityTimeOffset</c> = segment duration − chunk duration,
/// <c>availabilityTimeComplete="false"</c>) with a <c>ServiceDescription</c> latency target, and the origin sends the
/// segment in progress with chunked transfer as its chunks are produced. Classic DASH players keep working.
/// </summary>
[CelRule("!has(self.targetLatency) || (duration(self.targetLatency) >= duration('1s') && duration(self.targetLatency) <= duration('30s'))",
    "lowLatency.targetLatency is out of range; use 1s to 30s", FieldPath = ".targetLatency")]
[CelRule("!has(self.chunkDuration) || (duration(self.chunkDuration) >= duration('100ms') && duration(self.chunkDuration) <= duration('1s'))",
    "lowLatency.chunkDuration is out of range; use 100ms to 1s", FieldPath = ".chunkDuration")]
public sealed class DashLowLatency
{
    /// <summary>
    /// Set true to cut chunks, advertise them in the MPD and stream segments in progress. Default false. A libx264
    /// encoder then runs with no lookahead, no B-frames and sliced threads, so it holds back 1 frame instead of 15
    /// (0.6 s at 24 frames/s), at some cost in compression efficiency.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// The latency a player aims for, from the live edge to the picture shown (<c>ServiceDescription/Latency@target</c>,
    /// ISO/IEC 23009-1 Annex K), 1s to 30s. Default 3s.
    /// </summary>
    public Duration? TargetLatency { get; set; }

    /// <summary>
    /// Duration of one CMAF chunk, 100ms to 1s and at most half the segment duration. With low-latency HLS on, the
    /// chunks are its parts: leave this out or set it to <c>hls.lowLatency.partTargetDuration</c>. Default: the HLS part
    /// target duration (0.5s).
    /// </summary>
    public Duration? ChunkDuration { get; set; }
}
