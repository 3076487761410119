using Ladder.Api.Primitives;

namespace Ladder.Api.Pipeline;

/// <summary>DASH settings.</summary>
/// <param name="Enabled">Whether DASH is published.</param>
/// <param name="SegmentDuration">Segment duration (the HLS one).</param>
/// <param name="Window">Segments in the MPD's time-shift window.</param>
public sealed record PipelineDash(bool Enabled, Duration SegmentDuration, int Window);
