namespace Ladder.ControllerRuntime.Queue;

/// <summary>
/// Decides how long an item waits before it is retried (client-go <c>workqueue.TypedRateLimiter</c>).
/// Implementations are thread-safe.
/// </summary>
/// <typeparam name="T">The work item type.</typeparam>
public interface IRateLimiter<T>
    where T : notnull
{
    /// <summary>Records one more failure of <paramref name="item"/> and returns how long it must wait now.</summary>
    TimeSpan When(T item);

    /// <summary>Stops tracking <paramref name="item"/>: its next failure starts from the first delay again.</summary>
    void Forget(T item);

    /// <summary>How many failures of <paramref name="item"/> were recorded since it was last forgotten.</summary>
    int NumRequeues(T item);
}
