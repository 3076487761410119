using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ladder.ControllerRuntime.Metrics;

/// <summary>
/// Owns the controller runtime's instruments on the meter <see cref="MeterName"/>; exposed through Ladder.Metrics
/// with the names of controller-runtime and client-go: <c>controller_runtime_reconcile_total{controller,result}</c>,
/// <c>controller_runtime_reconcile_errors_total{controller}</c>, <c>controller_runtime_reconcile_time_seconds{controller}</c>,
/// <c>controller_runtime_active_workers{controller}</c>, <c>workqueue_depth{name}</c>, <c>workqueue_adds_total{name}</c>,
/// <c>workqueue_retries_total{name}</c>, <c>workqueue_queue_duration_seconds{name}</c>, <c>workqueue_work_duration_seconds{name}</c>,
/// <c>workqueue_unfinished_work_seconds{name}</c>, <c>workqueue_longest_running_processor_seconds{name}</c>,
/// <c>informer_watch_restarts_total{resource}</c>, <c>leader_election_master_status{name}</c> and
/// <c>events_dropped_total{controller}</c>.
/// </summary>
public sealed class ControllerRuntimeMetrics
{
    /// <summary>The meter name to select in <c>PrometheusCollectorOptions.AddMeter</c>.</summary>
    public const string MeterName = "Ladder.ControllerRuntime";

    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60];
    private static readonly double[] QueueBuckets = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1, 10];

    private readonly ConcurrentDictionary<IWorkQueueProbe, byte> _queues = new();

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The host's meter factory (<c>services.AddMetrics()</c>).</param>
    public ControllerRuntimeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        ReconcileTotal = meter.CreateCounter<long>("controller_runtime_reconcile_total", description: "Total number of reconciliations per controller and result.");
        ReconcileErrors = meter.CreateCounter<long>("controller_runtime_reconcile_errors_total", description: "Total number of reconciliations that threw, per controller.");
        ReconcileTime = meter.CreateHistogram("controller_runtime_reconcile_time", "s", "Length of time per reconciliation per controller.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        ActiveWorkers = meter.CreateUpDownCounter<long>("controller_runtime_active_workers", description: "Number of workers currently reconciling, per controller.");
        QueueDepth = meter.CreateUpDownCounter<long>("workqueue_depth", description: "Current depth of the work queue.");
        QueueAdds = meter.CreateCounter<long>("workqueue_adds_total", description: "Total number of adds handled by the work queue.");
        QueueRetries = meter.CreateCounter<long>("workqueue_retries_total", description: "Total number of rate-limited retries handled by the work queue.");
        QueueLatency = meter.CreateHistogram("workqueue_queue_duration", "s", "How long an item stays in the work queue before being requested.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = QueueBuckets });
        WorkDuration = meter.CreateHistogram("workqueue_work_duration", "s", "How long processing an item from the work queue takes.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = QueueBuckets });
        meter.CreateObservableGauge("workqueue_unfinished_work", () => Measure(static m => m.UnfinishedSeconds), "s", "Seconds of work in progress not yet observed by work_duration; large values indicate stuck workers.");
        meter.CreateObservableGauge("workqueue_longest_running_processor", () => Measure(static m => m.LongestSeconds), "s", "Seconds the longest running processor of the work queue has been running.");
        WatchRestarts = meter.CreateCounter<long>("informer_watch_restarts_total", description: "Total number of times an informer restarted its watch or relisted, per resource.");
        LeaderStatus = meter.CreateGauge<long>("leader_election_master_status", description: "1 while this instance holds the leader election lease, 0 otherwise.");
        EventsDropped = meter.CreateCounter<long>("events_dropped_total", description: "Total number of events the recorder dropped because its queue was full or the API refused them.");
    }

    internal Counter<long> ReconcileTotal { get; }

    internal Counter<long> ReconcileErrors { get; }

    internal Histogram<double> ReconcileTime { get; }

    internal UpDownCounter<long> ActiveWorkers { get; }

    internal UpDownCounter<long> QueueDepth { get; }

    internal Counter<long> QueueAdds { get; }

    internal Counter<long> QueueRetries { get; }

    internal Histogram<double> QueueLatency { get; }

    internal Histogram<double> WorkDuration { get; }

    internal Counter<long> WatchRestarts { get; }

    internal Gauge<long> LeaderStatus { get; }

    internal Counter<long> EventsDropped { get; }

    internal void Register(IWorkQueueProbe queue) => _queues.TryAdd(queue, 0);

    internal void Unregister(IWorkQueueProbe queue) => _queues.TryRemove(queue, out _);

    private IEnumerable<Measurement<double>> Measure(Func<(double UnfinishedSeconds, double LongestSeconds), double> pick) =>
        _queues.Keys.Select(q => new Measurement<double>(pick(q.MeasureProcessing()), new KeyValuePair<string, object?>("name", q.Name)));
}
