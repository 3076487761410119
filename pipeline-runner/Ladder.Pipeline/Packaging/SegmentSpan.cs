namespace Ladder.Pipeline.Packaging;

/// <summary>
/// A segment as the segmenter decided it: its number, where it starts and (once closed) ends, and what precedes it.
/// The one model of a segment before muxing; <see cref="MediaSegment"/> is what a published one becomes.
/// </summary>
/// <param name="Sequence">The media sequence number (RFC 8216 section 4.3.3.2), shared by every track for the same boundary.</param>
/// <param name="Track">The track version of its frames.</param>
/// <param name="StartPts">Presentation time of its first frame in <see cref="TrackTiming.TimeBase"/> ticks.</param>
/// <param name="StartTime">The same in µs.</param>
/// <param name="Discontinuity">Whether it follows a break (<c>EXT-X-DISCONTINUITY</c>, RFC 8216 section 4.3.2.3): a new track version, a timestamp gap, a capped segment or a failure.</param>
internal sealed record SegmentSpan(long Sequence, TrackTiming Track, long StartPts, long StartTime, bool Discontinuity)
{
    /// <summary>Whether its frames need a new muxer: the first segment, a new track version, or after a break.</summary>
    public bool NewMuxer { get; init; }

    /// <summary>Whether its track version's init segment must be published (again): a new version, or a restart after a failure.</summary>
    public bool NewInit { get; init; }

    /// <summary>Where it ends in <see cref="TrackTiming.TimeBase"/> ticks: the next segment's first PTS, or the end of its last frame; set when it closes.</summary>
    public long EndPts { get; init; }

    /// <summary>Whether it was cut short at the target-duration cap for want of a keyframe (RFC 8216 section 4.3.3.1).</summary>
    public bool Overlong { get; init; }

    /// <summary>Its duration in <see cref="TrackTiming.TimeBase"/> ticks; meaningful once closed.</summary>
    public long Duration => EndPts - StartPts;
}
