using Ladder.ControllerRuntime.Queue;

namespace Ladder.ControllerRuntime.Controllers;

/// <summary>
/// A source of reconcile requests other than an informer (controller-runtime's <c>source.Source</c>, e.g. an external
/// system's change notifications): it runs while its controller runs and adds keys to the controller's queue.
/// </summary>
public interface ISource
{
    /// <summary>
    /// Adds keys to <paramref name="queue"/> until <paramref name="stopping"/> is cancelled, then stops what it started and
    /// completes. The controller calls it before its workers start, and everything it does before its first
    /// <c>await</c> happens before any reconcile.
    /// </summary>
    /// <param name="queue">The controller's work queue.</param>
    /// <param name="stopping">Cancelled when the controller stops (shutdown or lost leadership).</param>
    Task RunAsync(RateLimitingQueue<ObjectKey> queue, CancellationToken stopping);
}
