namespace Ladder.Pipeline.Packaging;

/// <summary>
/// The segment boundaries every track of the pipeline shares, as presentation times in microseconds on the output
/// timeline with their sequence numbers (the first is given: the packager derives it from the timeline's origin so
/// numbers never repeat across runs). Video tracks announce them: a segment-starting keyframe
/// opens a new segment once it reaches the next point of the segment grid (less a tolerance of half a frame), and
/// every other rendition cuts on its keyframe at the same time, so boundaries and sequence numbers agree across the
/// ladder whichever rendition gets there first. Audio follows them. The grid is the first boundary plus multiples of
/// the target duration (from the last boundary when the duration changes): a keyframe that comes late (an input gap
/// spanned its grid point) makes one shorter segment after it, and the boundaries do not drift off the grid, so a
/// reload that switches encoders on a grid point of the output timeline switches them on a boundary. Pure and
/// thread-safe; keeps the last <see cref="History"/> boundaries.
/// </summary>
internal sealed class SegmentBoundaries
{
    /// <summary>Boundaries remembered, for renditions lagging behind the fastest one.</summary>
    public const int History = 1024;

    private readonly Lock _lock = new();
    private readonly LinkedList<(long Sequence, long Time)> _boundaries = new();
    private readonly long _first;
    private long _target;
    private long? _anchor;

    /// <summary>Creates an empty list.</summary>
    /// <param name="segmentDuration">The target segment duration in seconds.</param>
    /// <param name="firstSequence">The sequence number of the first boundary; at least 1.</param>
    public SegmentBoundaries(double segmentDuration, long firstSequence = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstSequence, 1);
        _target = (long)Math.Round(segmentDuration * 1_000_000);
        _first = firstSequence;
    }

    /// <summary>The target segment duration in seconds; a new value applies from the next boundary on.</summary>
    public double SegmentDuration
    {
        get
        {
            lock (_lock)
            {
                return _target / 1e6;
            }
        }

        set
        {
            lock (_lock)
            {
                _target = (long)Math.Round(value * 1_000_000);
                _anchor = _boundaries.Last?.Value.Time;
            }
        }
    }

    /// <summary>Raised (outside the lock) after a video track announced a new boundary, so that audio waiting on it can go on.</summary>
    public event Action? Announced;

    /// <summary>
    /// Decides whether a video track's segment-starting keyframe at <paramref name="time"/> opens a segment: yes when
    /// it is a boundary already announced (within <paramref name="tolerance"/>), or when it is at or past the first
    /// grid point after the last boundary (less the tolerance), which it then announces.
    /// </summary>
    /// <param name="time">The keyframe's presentation time in µs.</param>
    /// <param name="tolerance">Half a frame of the track, in µs.</param>
    /// <param name="announce">
    /// Whether the keyframe may announce a new boundary; false for a rendition joining a running ladder, which only
    /// takes boundaries the others announced (its first keyframe may fall between the grid points the others have
    /// not reached yet, and announcing it would make them skip one).
    /// </param>
    /// <returns>The sequence number of the segment it opens, or null when it stays inside the current one.</returns>
    public long? TryCut(long time, long tolerance, bool announce = true)
    {
        var (sequence, announced) = Cut(time, tolerance, announce);
        if (announced)
        {
            Announced?.Invoke();
        }

        return sequence;
    }

    private (long? Sequence, bool Announced) Cut(long time, long tolerance, bool announce)
    {
        lock (_lock)
        {
            for (var node = _boundaries.Last; node is not null; node = node.Previous)
            {
                if (Math.Abs(node.Value.Time - time) <= tolerance)
                {
                    return (node.Value.Sequence, false);
                }

                if (node.Value.Time < time - tolerance)
                {
                    break;
                }
            }

            if (!announce || (_boundaries.Last is { } last && time < NextGridPoint(last.Value.Time, tolerance) - tolerance))
            {
                return (null, false);
            }

            _anchor ??= time;

            var sequence = _boundaries.Last is { } previous ? previous.Value.Sequence + 1 : _first;
            _boundaries.AddLast((sequence, time));
            if (_boundaries.Count > History)
            {
                _boundaries.RemoveFirst();
            }

            return (sequence, true);
        }
    }

    /// <summary>The first point of the grid (anchor plus multiples of the target) after <paramref name="last"/>, a boundary that may be up to <paramref name="tolerance"/> early.</summary>
    private long NextGridPoint(long last, long tolerance)
    {
        var anchor = _anchor ?? last;
        return anchor + ((((last + tolerance - anchor) / _target) + 1) * _target);
    }

    /// <summary>
    /// Places an audio frame at <paramref name="time"/>: in the segment of the last boundary at or before it. The
    /// placement is final once no later boundary can come before it: the next one is known, or the frame is more than
    /// half a target duration before the next grid point.
    /// </summary>
    /// <param name="time">The frame's presentation time in µs.</param>
    /// <param name="final">Whether no boundary announced later can change the answer.</param>
    /// <returns>The sequence number; 0 when it is before the first boundary (or none is known).</returns>
    public long Locate(long time, out bool final)
    {
        lock (_lock)
        {
            final = false;
            if (_boundaries.First is not { } first)
            {
                return 0;
            }

            if (time < first.Value.Time)
            {
                final = true;
                return 0;
            }

            var node = _boundaries.Last!;
            while (node.Value.Time > time)
            {
                node = node.Previous!;
            }

            final = node.Next is not null || time < NextGridPoint(node.Value.Time, _target / 4) - (_target / 2);
            return node.Value.Sequence;
        }
    }

    /// <summary>The time of boundary <paramref name="sequence"/> in µs, or null when unknown.</summary>
    public long? TimeOf(long sequence)
    {
        lock (_lock)
        {
            return _boundaries.Select(b => ((long, long)?)b).FirstOrDefault(b => b!.Value.Item1 == sequence)?.Item2;
        }
    }
}
