using System.Diagnostics;
using Ladder.ControllerRuntime.Logging;
using Ladder.ControllerRuntime.Metrics;
using Ladder.ControllerRuntime.Queue;
using Microsoft.Extensions.Logging;

namespace Ladder.ControllerRuntime.Controllers;

/// <summary>
/// Runs N workers that take keys from a rate-limited queue and call an <see cref="IReconciler"/>, with the
/// contract of controller-runtime's <c>pkg/internal/controller/controller.go</c>: success → <c>Forget</c>;
/// <see cref="ReconcileResult.RequeueAfter"/> → <c>Forget</c> + <c>AddAfter</c>; <see cref="ReconcileResult.Requeue"/> or an
/// exception → <c>AddRateLimited</c>. Exceptions are logged with the key and never stop a worker. Reconciles are
/// counted by result (<c>success</c>, <c>error</c>, <c>requeue</c>, <c>requeue_after</c>) and timed. Build with <see cref="ControllerBuilder"/>.
/// </summary>
public sealed class Controller
{
    private readonly IReconciler _reconciler;
    private readonly ILogger _logger;
    private readonly ControllerRuntimeMetrics? _metrics;
    private readonly IReadOnlyList<ISource> _sources;

    internal Controller(string name, IReconciler reconciler, int workers, RateLimitingQueue<ObjectKey> queue, IReadOnlyList<ISource> sources, ILogger logger, ControllerRuntimeMetrics? metrics)
    {
        _sources = sources;
        Name = name;
        _reconciler = reconciler;
        Workers = workers;
        Queue = queue;
        _logger = logger;
        _metrics = metrics;
        metrics?.AddController(name);
    }

    /// <summary>The controller's name (the <c>controller</c> metric label and the queue name).</summary>
    public string Name { get; }

    /// <summary>How many keys are reconciled concurrently.</summary>
    public int Workers { get; }

    /// <summary>The controller's work queue; <c>Add</c> to trigger a reconcile by hand.</summary>
    public RateLimitingQueue<ObjectKey> Queue { get; }

    /// <summary>
    /// Starts the sources, runs the workers until <paramref name="stopping"/> is cancelled, then waits for the sources to
    /// stop, shuts the queue down and waits for the
    /// reconciles in flight to finish (keys still queued are not started). <paramref name="abort"/> cancels the
    /// reconciles themselves.
    /// </summary>
    /// <param name="stopping">Stops taking new keys.</param>
    /// <param name="abort">Passed to reconcilers; cancel it to abandon reconciles in flight.</param>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort = default)
    {
        var sources = _sources.Select(s => s.RunAsync(Queue, stopping)).ToArray();
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkerAsync(stopping, abort), CancellationToken.None)).ToArray();
        try
        {
            await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(sources).ConfigureAwait(false);
        await Queue.ShutDownWithDrainAsync(CancellationToken.None).ConfigureAwait(false);
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private async Task WorkerAsync(CancellationToken stopping, CancellationToken abort)
    {
        while (true)
        {
            var (key, shutdown) = await Queue.GetAsync(CancellationToken.None).ConfigureAwait(false);
            if (shutdown)
            {
                return;
            }

            if (stopping.IsCancellationRequested)
            {
                Queue.Done(key);
                continue;
            }

            await ReconcileOneAsync(key, abort).ConfigureAwait(false);
        }
    }

    private async Task ReconcileOneAsync(ObjectKey key, CancellationToken abort)
    {
        var started = Stopwatch.GetTimestamp();
        _metrics?.ActiveWorkers.WithLabels(Name).Inc();
        string result;
        try
        {
            var outcome = await _reconciler.ReconcileAsync(key, abort).ConfigureAwait(false);
            if (outcome.RequeueAfter > TimeSpan.Zero)
            {
                Queue.Forget(key);
                Queue.AddAfter(key, outcome.RequeueAfter);
                result = "requeue_after";
            }
            else if (outcome.Requeue)
            {
                Queue.AddRateLimited(key);
                result = "requeue";
            }
            else
            {
                Queue.Forget(key);
                result = "success";
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.ReconcileFailed(e, Name, key.ToString());
            _metrics?.ReconcileErrors.WithLabels(Name).Inc();
            Queue.AddRateLimited(key);
            result = "error";
        }
        finally
        {
            _metrics?.ActiveWorkers.WithLabels(Name).Dec();
            _metrics?.ReconcileTime.WithLabels(Name).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            Queue.Done(key);
        }

        _metrics?.ReconcileTotal.WithLabels(Name, result).Inc();
    }
}
