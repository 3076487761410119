using Ladder.Api.Primitives;

namespace Ladder.Api.Pipeline;

/// <summary>Low-Latency HLS settings (RFC 8216bis); present only when low latency is on.</summary>
/// <param name="PartTargetDuration">Target part duration (<c>EXT-X-PART-INF:PART-TARGET</c>, section 4.4.3.7): 100ms to 1s, at most half the segment duration.</param>
public sealed record PipelineHlsLowLatency(Duration PartTargetDuration);
