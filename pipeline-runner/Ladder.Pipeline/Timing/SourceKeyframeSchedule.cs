namespace Ladder.Pipeline.Timing;

/// <summary>
/// Boundaries on the source's keyframes, used when a passthrough rendition is present (its segments can only be cut
/// there): ingest registers each source keyframe's output time before handing the packet on, so the boundary is known
/// before the decoded frame reaches any encoder, and the transcoded renditions force their IDRs onto the same times
/// (as Kyoo's transcoder does).
/// </summary>
internal sealed class SourceKeyframeSchedule : IKeyframeSchedule
{
    private readonly long[] _times = new long[256];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    /// <summary>Registers a source keyframe at <paramref name="pts"/> pipeline ticks; times must not go backwards.</summary>
    public void Register(long pts)
    {
        lock (_lock)
        {
            _times[_next] = pts;
            _next = (_next + 1) % _times.Length;
            _count = Math.Min(_count + 1, _times.Length);
        }
    }

    /// <inheritdoc />
    public bool IsBoundary(ref long cursor, long pts, long tolerance)
    {
        var found = long.MinValue;
        lock (_lock)
        {
            for (var i = 1; i <= _count; i++)
            {
                var time = _times[(_next - i + _times.Length) % _times.Length];
                if (time <= cursor)
                {
                    break;
                }

                if (time <= pts + tolerance)
                {
                    found = Math.Max(found, time);
                }
            }
        }

        if (found == long.MinValue)
        {
            return false;
        }

        cursor = found;
        return true;
    }
}
