namespace Ladder.Pipeline.Publishing;

/// <summary>What a low-latency DASH manifest (ISO/IEC 23009-1, DASH-IF IOP low-latency guidelines) adds to a live one.</summary>
/// <param name="ChunkDuration">The CMAF chunk duration in seconds: a segment is available once its first chunk is (<c>availabilityTimeOffset</c> = segment duration − chunk duration).</param>
/// <param name="TargetLatency">The player's latency target in seconds (<c>ServiceDescription/Latency@target</c>, written in milliseconds).</param>
internal sealed record LowLatencyManifest(double ChunkDuration, double TargetLatency);
