namespace Ladder.ControllerRuntime.Queue;

/// <summary>
/// Per-item exponential backoff: the n-th failure (from 0) waits <c>baseDelay × 2^n</c>, capped at
/// <c>maxDelay</c> (client-go <c>ItemExponentialFailureRateLimiter</c>; controller defaults 5 ms and 1000 s).
/// </summary>
/// <typeparam name="T">The work item type.</typeparam>
public sealed class ItemExponentialFailureRateLimiter<T> : IRateLimiter<T>
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<T, int> _failures = [];
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;

    /// <summary>Creates the limiter.</summary>
    /// <param name="baseDelay">The first delay, e.g. 5 ms.</param>
    /// <param name="maxDelay">The cap, e.g. 1000 s.</param>
    /// <exception cref="ArgumentOutOfRangeException">A delay is negative or the cap is below the base.</exception>
    public ItemExponentialFailureRateLimiter(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
    }

    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        int exponent;
        lock (_gate)
        {
            exponent = _failures.GetValueOrDefault(item);
            _failures[item] = exponent + 1;
        }

        var delay = _baseDelay.Ticks * Math.Pow(2, exponent);
        return delay >= _maxDelay.Ticks ? _maxDelay : TimeSpan.FromTicks((long)delay);
    }

    /// <inheritdoc />
    public void Forget(T item)
    {
        lock (_gate)
        {
            _failures.Remove(item);
        }
    }

    /// <inheritdoc />
    public int NumRequeues(T item)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(item);
        }
    }
}
