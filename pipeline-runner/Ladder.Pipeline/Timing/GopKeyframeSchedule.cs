namespace Ladder.Pipeline.Timing;

/// <summary>Boundaries every GOP on the output timeline: 0, G, 2G... seconds (<c>spec.video.gopSeconds</c>).</summary>
/// <param name="gopTicks">The GOP length in pipeline ticks (1/90000 s).</param>
internal sealed class GopKeyframeSchedule(long gopTicks) : IKeyframeSchedule
{
    /// <inheritdoc />
    public bool IsBoundary(ref long cursor, long pts, long tolerance)
    {
        var index = Math.Max(0, (pts + tolerance) / gopTicks);
        if (index <= cursor)
        {
            return false;
        }

        cursor = index;
        return true;
    }
}
