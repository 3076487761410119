namespace Ladder.ControllerRuntime.Queue;

/// <summary>
/// An overall token bucket shared by all items (client-go <c>BucketRateLimiter</c> over
/// <c>rate.Limiter</c>): <c>burst</c> tokens, refilled at <c>qps</c> per second; each <see cref="When"/> reserves
/// one token and returns the wait until it is available. Controller defaults: 10 qps, burst 100.
/// </summary>
/// <typeparam name="T">The work item type (ignored: the bucket is global).</typeparam>
public sealed class BucketRateLimiter<T> : IRateLimiter<T>
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly double _qps;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _last;

    /// <summary>Creates a full bucket.</summary>
    /// <param name="qps">Tokens added per second; must be positive.</param>
    /// <param name="burst">Bucket size; must be at least 1.</param>
    /// <param name="time">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="qps"/> not positive or <paramref name="burst"/> below 1.</exception>
    public BucketRateLimiter(double qps, int burst, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(qps);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _qps = qps;
        _burst = burst;
        _tokens = burst;
        _time = time ?? TimeProvider.System;
        _last = _time.GetTimestamp();
    }

    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_last, now).TotalSeconds * _qps));
            _last = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }
    }

    /// <inheritdoc />
    public void Forget(T item)
    {
    }

    /// <inheritdoc />
    public int NumRequeues(T item) => 0;
}
