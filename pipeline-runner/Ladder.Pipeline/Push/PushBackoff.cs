namespace Ladder.Pipeline.Push;

/// <summary>
/// Exponential backoff with full jitter between a destination's connection attempts: the n-th consecutive failure
/// waits a uniformly random time in [0, min(<see cref="Max"/>, <see cref="Initial"/> × 2^n)] (AWS's "full jitter",
/// so many runners pushing to one platform do not reconnect in lockstep). A connection that stayed live for
/// <see cref="HealthyAfter"/> resets the sequence. Not thread-safe: one destination loop owns it.
/// </summary>
public sealed class PushBackoff
{
    private readonly Func<double> _random;
    private int _failures;
    private DateTimeOffset? _connectedAt;

    /// <summary>Creates the backoff.</summary>
    /// <param name="initial">The first ceiling (seconds as a <see cref="TimeSpan"/>), e.g. 1 s.</param>
    /// <param name="max">The cap on any wait, e.g. 30 s.</param>
    /// <param name="healthyAfter">How long a connection must stay live to reset the sequence.</param>
    /// <param name="random">Uniform numbers in [0, 1); null for <see cref="Random.Shared"/>.</param>
    public PushBackoff(TimeSpan initial, TimeSpan max, TimeSpan healthyAfter, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        Initial = initial;
        Max = max;
        HealthyAfter = healthyAfter;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>The ceiling of the first wait.</summary>
    public TimeSpan Initial { get; }

    /// <summary>The cap on every wait.</summary>
    public TimeSpan Max { get; }

    /// <summary>How long a connection must stay live to reset the sequence.</summary>
    public TimeSpan HealthyAfter { get; }

    /// <summary>Consecutive failures since the last reset.</summary>
    public int Failures => _failures;

    /// <summary>The ceiling of the next wait: min(<see cref="Max"/>, <see cref="Initial"/> × 2^<see cref="Failures"/>).</summary>
    public TimeSpan Ceiling => TimeSpan.FromTicks((long)Math.Min(Max.Ticks, Initial.Ticks * Math.Pow(2, Math.Min(_failures, 30))));

    /// <summary>Records that a connection went live at <paramref name="now"/>.</summary>
    /// <param name="now">The clock's time.</param>
    public void Connected(DateTimeOffset now) => _connectedAt = now;

    /// <summary>
    /// Records a failed attempt or a broken connection at <paramref name="now"/> and returns how long to wait; a
    /// connection live for <see cref="HealthyAfter"/> or more first resets the sequence.
    /// </summary>
    /// <param name="now">The clock's time.</param>
    /// <returns>A wait in [0, <see cref="Ceiling"/>] as it was before this failure.</returns>
    public TimeSpan Failed(DateTimeOffset now)
    {
        if (_connectedAt is { } connected && now - connected >= HealthyAfter)
        {
            _failures = 0;
        }
        _connectedAt = null;
        var ceiling = Ceiling;
        _failures++;
        return TimeSpan.FromTicks((long)(ceiling.Ticks * Math.Clamp(_random(), 0, 1)));
    }
}
