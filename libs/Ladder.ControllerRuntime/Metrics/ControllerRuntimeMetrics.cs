using System.Collections.Concurrent;
using Prometheus;

namespace Ladder.ControllerRuntime.Metrics;

/// <summary>
/// Owns the controller runtime's prometheus-net instruments on one <see cref="CollectorRegistry"/>, with the names and
/// labels of controller-runtime and client-go: counters <c>controller_runtime_reconcile_total{controller,result}</c>
/// (result: success, error, requeue, requeue_after), <c>controller_runtime_reconcile_errors_total{controller}</c>,
/// <c>workqueue_adds_total{name}</c>, <c>workqueue_retries_total{name}</c>, <c>informer_watch_restarts_total{resource}</c>,
/// <c>events_dropped_total{controller}</c>; gauges <c>controller_runtime_active_workers{controller}</c>,
/// <c>workqueue_depth{name}</c>, <c>workqueue_unfinished_work_seconds{name}</c>,
/// <c>workqueue_longest_running_processor_seconds{name}</c> (both read from the live queues at scrape time),
/// <c>leader_election_master_status{name}</c> (1 while leading); histograms (seconds)
/// <c>controller_runtime_reconcile_time_seconds{controller}</c>, <c>workqueue_queue_duration_seconds{name}</c> and
/// <c>workqueue_work_duration_seconds{name}</c>.
/// </summary>
/// <remarks>One instance per registry: the scrape-time gauges are refreshed by a callback this instance adds to it.</remarks>
public sealed class ControllerRuntimeMetrics
{
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60];
    private static readonly string[] ReconcileResults = ["success", "error", "requeue", "requeue_after"];
    private static readonly double[] QueueBuckets = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1, 10];

    private readonly ConcurrentDictionary<IWorkQueueProbe, byte> _queues = new();
    private readonly Lock _gate = new();
    private readonly Gauge _unfinishedWork;
    private readonly Gauge _longestRunning;

    /// <summary>Creates the instruments on <paramref name="registry"/> and hooks the scrape-time gauges to its collections.</summary>
    /// <param name="registry">The host's registry (one per operator host, so that two hosts in a process stay apart).</param>
    /// <exception cref="InvalidOperationException">The registry already holds one of these names with other labels.</exception>
    public ControllerRuntimeMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        ReconcileTotal = factory.CreateCounter("controller_runtime_reconcile_total", "Total number of reconciliations per controller and result.", "controller", "result");
        ReconcileErrors = factory.CreateCounter("controller_runtime_reconcile_errors_total", "Total number of reconciliations that threw, per controller.", "controller");
        ReconcileTime = factory.CreateHistogram("controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller.", new HistogramConfiguration { LabelNames = ["controller"], Buckets = DurationBuckets });
        ActiveWorkers = factory.CreateGauge("controller_runtime_active_workers", "Number of workers currently reconciling, per controller.", "controller");
        QueueDepth = factory.CreateGauge("workqueue_depth", "Current depth of the work queue.", "name");
        QueueAdds = factory.CreateCounter("workqueue_adds_total", "Total number of adds handled by the work queue.", "name");
        QueueRetries = factory.CreateCounter("workqueue_retries_total", "Total number of rate-limited retries handled by the work queue.", "name");
        QueueLatency = factory.CreateHistogram("workqueue_queue_duration_seconds", "How long an item stays in the work queue before being requested.", new HistogramConfiguration { LabelNames = ["name"], Buckets = QueueBuckets });
        WorkDuration = factory.CreateHistogram("workqueue_work_duration_seconds", "How long processing an item from the work queue takes.", new HistogramConfiguration { LabelNames = ["name"], Buckets = QueueBuckets });
        _unfinishedWork = factory.CreateGauge("workqueue_unfinished_work_seconds", "Seconds of work in progress not yet observed by work_duration; large values indicate stuck workers.", "name");
        _longestRunning = factory.CreateGauge("workqueue_longest_running_processor_seconds", "Seconds the longest running processor of the work queue has been running.", "name");
        WatchRestarts = factory.CreateCounter("informer_watch_restarts_total", "Total number of times an informer restarted its watch or relisted, per resource.", "resource");
        LeaderStatus = factory.CreateGauge("leader_election_master_status", "1 while this instance holds the leader election lease, 0 otherwise.", "name");
        EventsDropped = factory.CreateCounter("events_dropped_total", "Total number of events the recorder dropped because its queue was full or the API refused them.", "controller");
        registry.AddBeforeCollectCallback(MeasureQueues);
    }

    internal Counter ReconcileTotal { get; }

    internal Counter ReconcileErrors { get; }

    internal Histogram ReconcileTime { get; }

    internal Gauge ActiveWorkers { get; }

    internal Gauge QueueDepth { get; }

    internal Counter QueueAdds { get; }

    internal Counter QueueRetries { get; }

    internal Histogram QueueLatency { get; }

    internal Histogram WorkDuration { get; }

    internal Counter WatchRestarts { get; }

    internal Gauge LeaderStatus { get; }

    internal Counter EventsDropped { get; }

    /// <summary>
    /// Exports a controller's reconcile counters (every result) and worker gauge at zero before its first reconcile, as
    /// controller-runtime does, so that <c>rate()</c> and the alerts on them have a series from the start.
    /// </summary>
    internal void AddController(string controller)
    {
        foreach (var result in ReconcileResults)
        {
            ReconcileTotal.WithLabels(controller, result);
        }

        ReconcileErrors.WithLabels(controller);
        ActiveWorkers.WithLabels(controller);
    }

    internal void Register(IWorkQueueProbe queue) => _queues.TryAdd(queue, 0);

    internal void Unregister(IWorkQueueProbe queue)
    {
        lock (_gate)
        {
            _queues.TryRemove(queue, out _);
            _unfinishedWork.RemoveLabelled(queue.Name);
            _longestRunning.RemoveLabelled(queue.Name);
        }
    }

    private void MeasureQueues()
    {
        lock (_gate)
        {
            foreach (var queue in _queues.Keys)
            {
                var (unfinished, longest) = queue.MeasureProcessing();
                _unfinishedWork.WithLabels(queue.Name).Set(unfinished);
                _longestRunning.WithLabels(queue.Name).Set(longest);
            }
        }
    }
}
