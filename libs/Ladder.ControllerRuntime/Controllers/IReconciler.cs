namespace Ladder.ControllerRuntime.Controllers;

/// <summary>
/// Drives one object towards its desired state, level-based: re-read the current state (from an informer's store)
/// by key, act, and return a <see cref="ReconcileResult"/> or throw (controller-runtime <c>reconcile.Reconciler</c>).
/// A key is never reconciled by two workers at once.
/// </summary>
public interface IReconciler
{
    /// <summary>Reconciles the object named by <paramref name="key"/> (which may no longer exist).</summary>
    /// <param name="key">The object's namespace and name.</param>
    /// <param name="cancellationToken">Cancelled when the controller stops hard (after graceful shutdown gave up).</param>
    /// <returns>Whether and when to reconcile the key again.</returns>
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}
