using Ladder.Api.Primitives;
using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>
/// Low-Latency HLS (RFC 8216bis, draft-pantos-hls-rfc8216bis section 4.4.4.9 <c>EXT-X-PART</c>): each segment is
/// also published as parts (CMAF chunks), so a player can start and stay within a few parts of the live edge.
/// Classic players keep reading whole segments from the same playlists.
/// </summary>
[CelRule("!has(self.partTargetDuration) || (duration(self.partTargetDuration) >= duration('100ms') && duration(self.partTargetDuration) <= duration('1s'))",
    "lowLatency.partTargetDuration is out of range; use 100ms to 1s", FieldPath = ".partTargetDuration")]
public sealed class HlsLowLatency
{
    /// <summary>
    /// Set true to publish parts and answer blocking playlist reloads. Default false. A libx264 encoder then runs with
    /// no lookahead, no B-frames and sliced threads, so it holds back 1 frame instead of 15 (0.6 s at 24 frames/s),
    /// at some cost in compression efficiency.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Target part duration (<c>EXT-X-PART-INF:PART-TARGET</c>), 100ms to 1s and at most half the segment duration.
    /// Default 0.5s.
    /// </summary>
    public Duration? PartTargetDuration { get; set; }
}
