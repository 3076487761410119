using Ladder.LibAv;

namespace Ladder.Pipeline.Timing;

/// <summary>
/// Keeps an encoder's output time moving while its input delivers nothing (an input that reconnects, a changed URL,
/// an outage before failover): output time is paced by the wall clock from the last real frame (its PTS at the
/// moment it was handed on), and once no real frame has come for one <see cref="Step"/> past the time the next one
/// was due, a filler item (a repeat of the last picture, or silence) is due at the end of what was handed on, then
/// one per step, back to back. Real frames take over again when they come (<see cref="Delivered"/>); those that start
/// before <see cref="End"/> were covered by filler and are dropped by the caller, so timestamps never go back.
/// Times are in <see cref="TimeBase"/> units; wall time comes from a <see cref="TimeProvider"/> so it can be faked.
/// Not thread-safe: used by one stage's thread.
/// </summary>
internal sealed class GapFiller
{
    private readonly TimeProvider _time;
    private long _anchorTimestamp;
    private long _anchorPts = long.MinValue;
    private long _end = long.MinValue;

    /// <summary>Creates a filler whose items last <paramref name="step"/> units of <paramref name="timeBase"/>.</summary>
    /// <param name="time">The wall clock.</param>
    /// <param name="timeBase">The unit of every timestamp given and returned (e.g. 1/25 s, 1/90000 s).</param>
    /// <param name="step">One filler item's duration (one frame interval), in <paramref name="timeBase"/> units; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is not positive or <paramref name="timeBase"/> is not.</exception>
    public GapFiller(TimeProvider time, Rational timeBase, long step)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeBase.Numerator, nameof(timeBase));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeBase.Denominator, nameof(timeBase));
        _time = time;
        TimeBase = timeBase;
        Step = step;
    }

    /// <summary>The unit of every timestamp.</summary>
    public Rational TimeBase { get; }

    /// <summary>One filler item's duration, in <see cref="TimeBase"/> units.</summary>
    public long Step { get; }

    /// <summary>The end of everything handed on so far, real or filler (<see cref="TimeBase"/> units); <see cref="long.MinValue"/> before the first real frame.</summary>
    public long End => _end;

    /// <summary>A real frame covering [<paramref name="pts"/>, <paramref name="end"/>) is being handed on now: output time restarts from it.</summary>
    public void Delivered(long pts, long end)
    {
        _anchorPts = pts;
        _anchorTimestamp = _time.GetTimestamp();
        _end = Math.Max(_end, end);
    }

    /// <summary>
    /// Whether a filler item is due now; if so <paramref name="pts"/> is its start (the previous <see cref="End"/>) and
    /// <see cref="End"/> moves one <see cref="Step"/> on. Call until false to catch up after a late wake-up.
    /// </summary>
    public bool TryNext(out long pts)
    {
        pts = _end;
        if (_anchorPts == long.MinValue || OutputTime() < _end + Step)
        {
            return false;
        }

        _end += Step;
        return true;
    }

    /// <summary>How long until the next filler item is due (zero when one is due now), at most <paramref name="max"/>; <paramref name="max"/> before the first real frame.</summary>
    public TimeSpan Wait(TimeSpan max)
    {
        if (_anchorPts == long.MinValue)
        {
            return max;
        }

        var due = _end + Step - OutputTime();
        var seconds = Math.Max(0, due * (double)TimeBase.Numerator / TimeBase.Denominator);
        return seconds >= max.TotalSeconds ? max : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Output time now (<see cref="TimeBase"/> units): the last real frame's PTS plus the wall time since it was handed on.</summary>
    private double OutputTime() =>
        _anchorPts + (_time.GetElapsedTime(_anchorTimestamp).TotalSeconds * TimeBase.Denominator / TimeBase.Numerator);
}
