namespace Ladder.ControllerRuntime.Controllers;

/// <summary>
/// What a reconcile asks of the loop (controller-runtime <c>reconcile.Result</c>): nothing (done, the key is
/// forgotten), <see cref="RequeueAfter"/> (forget the failures, add the key again after the delay), or
/// <see cref="Requeue"/> (add it again with rate-limited backoff). A thrown exception is an error: rate-limited retry.
/// </summary>
/// <param name="Requeue">Retry with the rate limiter's backoff; ignored when <see cref="RequeueAfter"/> is positive.</param>
/// <param name="RequeueAfter">Reconcile again after this delay (e.g. to poll a pipeline's progress).</param>
public readonly record struct ReconcileResult(bool Requeue = false, TimeSpan RequeueAfter = default)
{
    /// <summary>Done: nothing more to do until the object changes.</summary>
    public static ReconcileResult Done => default;

    /// <summary>Reconcile again after <paramref name="delay"/>.</summary>
    public static ReconcileResult After(TimeSpan delay) => new(RequeueAfter: delay);
}
