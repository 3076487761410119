namespace Ladder.ControllerRuntime.Queue;

/// <summary>
/// Combines limiters: the wait is the longest any of them asks for, and requeues the most any of them counts
/// (client-go <c>MaxOfRateLimiter</c>).
/// </summary>
/// <typeparam name="T">The work item type.</typeparam>
public sealed class MaxOfRateLimiter<T> : IRateLimiter<T>
    where T : notnull
{
    private readonly IRateLimiter<T>[] _limiters;

    /// <summary>Creates the combination; every limiter sees every call.</summary>
    /// <param name="limiters">At least one limiter.</param>
    /// <exception cref="ArgumentException">No limiter given.</exception>
    public MaxOfRateLimiter(params IRateLimiter<T>[] limiters)
    {
        ArgumentNullException.ThrowIfNull(limiters);
        if (limiters.Length == 0)
        {
            throw new ArgumentException("MaxOfRateLimiter needs at least one rate limiter.", nameof(limiters));
        }

        _limiters = limiters;
    }

    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        var longest = TimeSpan.Zero;
        foreach (var limiter in _limiters)
        {
            var delay = limiter.When(item);
            longest = delay > longest ? delay : longest;
        }

        return longest;
    }

    /// <inheritdoc />
    public void Forget(T item)
    {
        foreach (var limiter in _limiters)
        {
            limiter.Forget(item);
        }
    }

    /// <inheritdoc />
    public int NumRequeues(T item) => _limiters.Max(l => l.NumRequeues(item));
}
