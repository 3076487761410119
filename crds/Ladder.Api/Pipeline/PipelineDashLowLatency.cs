using Ladder.Api.Primitives;

namespace Ladder.Api.Pipeline;

/// <summary>Low-latency DASH settings (ISO/IEC 23009-1, DASH-IF IOP low-latency guidelines); present only when low latency is on.</summary>
/// <param name="TargetLatency">The player's latency target (<c>ServiceDescription/Latency@target</c>): 1s to 30s.</param>
/// <param name="ChunkDuration">Duration of one CMAF chunk: 100ms to 1s, at most half the segment, and the HLS part target when low-latency HLS is on.</param>
public sealed record PipelineDashLowLatency(Duration TargetLatency, Duration ChunkDuration);
