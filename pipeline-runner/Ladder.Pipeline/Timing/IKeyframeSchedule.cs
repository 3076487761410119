namespace Ladder.Pipeline.Timing;

/// <summary>
/// Decides on which presentation times every transcoded rendition places an IDR, so segment boundaries line up
/// across the ladder. Thread-safe; each rendition keeps its own cursor.
/// </summary>
internal interface IKeyframeSchedule
{
    /// <summary>
    /// Whether the frame at <paramref name="pts"/> opens a new GOP: true for the first frame at or after a boundary
    /// not yet taken (within <paramref name="tolerance"/>, half a frame, so rounding of frame times does not miss one).
    /// </summary>
    /// <param name="cursor">The rendition's last boundary taken; start with <see cref="long.MinValue"/>.</param>
    /// <param name="pts">The frame's presentation time in pipeline ticks (1/90000 s).</param>
    /// <param name="tolerance">Ticks a frame may fall short of a boundary and still take it.</param>
    bool IsBoundary(ref long cursor, long pts, long tolerance);
}
