namespace Ladder.ControllerRuntime.Queue;

/// <summary>Ready-made rate limiters.</summary>
public static class RateLimiters
{
    /// <summary>
    /// The default controller rate limiter (client-go <c>DefaultTypedControllerRateLimiter</c>): the maximum of
    /// per-item exponential backoff from 5 ms doubling to 1000 s and an overall token bucket of 10 qps, burst 100.
    /// </summary>
    /// <typeparam name="T">The work item type.</typeparam>
    /// <param name="time">The clock for the token bucket; <see cref="TimeProvider.System"/> when null.</param>
    public static IRateLimiter<T> DefaultController<T>(TimeProvider? time = null)
        where T : notnull =>
        new MaxOfRateLimiter<T>(
            new ItemExponentialFailureRateLimiter<T>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)),
            new BucketRateLimiter<T>(10, 100, time));
}
