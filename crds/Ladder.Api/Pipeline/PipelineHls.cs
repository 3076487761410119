using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Pipeline;

/// <summary>HLS settings.</summary>
/// <param name="Enabled">Whether HLS is published.</param>
/// <param name="SegmentDuration">Target segment duration, a whole multiple of the GOP.</param>
/// <param name="Window">Segments in the live playlist.</param>
/// <param name="Container">fmp4 or ts.</param>
/// <param name="LowLatency">Low-Latency HLS parts (fmp4 only); null when off, and then left out of the JSON.</param>
public sealed record PipelineHls(bool Enabled, Duration SegmentDuration, int Window, HlsContainer Container, PipelineHlsLowLatency? LowLatency = null);
