using Ladder.Pipeline.Media;

namespace Ladder.Pipeline.Packaging;

/// <summary>The segment a track is filling: its number, version, first presentation time and what has gone in.</summary>
/// <param name="Sequence">The media sequence number.</param>
/// <param name="Track">The track version of its packets.</param>
/// <param name="StartPts">Presentation time of its first frame in <see cref="TrackInfo.TimeBase"/> ticks.</param>
/// <param name="StartTime">The same in µs.</param>
/// <param name="Discontinuity">Whether it follows a break.</param>
internal sealed record OpenSegment(long Sequence, TrackInfo Track, long StartPts, long StartTime, bool Discontinuity)
{
    /// <summary>The latest presentation time in it, µs.</summary>
    public long LastTime { get; set; } = StartTime;

    /// <summary>The end of its latest frame (PTS + duration) in <see cref="TrackInfo.TimeBase"/> ticks.</summary>
    public long EndPts { get; set; } = StartPts;
}
