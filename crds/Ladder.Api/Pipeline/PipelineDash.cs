using Ladder.Api.Primitives;

namespace Ladder.Api.Pipeline;

/// <summary>DASH settings.</summary>
/// <param name="Enabled">Whether DASH is published.</param>
/// <param name="SegmentDuration">Segment duration (the HLS one).</param>
/// <param name="Window">Segments in the MPD's time-shift window.</param>
/// <param name="LowLatency">Low-latency DASH chunks and latency target; null when off, and then left out of the JSON.</param>
public sealed record PipelineDash(bool Enabled, Duration SegmentDuration, int Window, PipelineDashLowLatency? LowLatency = null);
