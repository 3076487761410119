using Ladder.Api.V1Alpha1;
using Prometheus;

namespace Ladder.Operator.Metrics;

/// <summary>
/// The operator's own prometheus-net instruments on one <see cref="CollectorRegistry"/> (the reconcile, queue, informer
/// and leader families come from <c>ControllerRuntimeMetrics</c>): the gauge <c>ladder_operator_streams{phase}</c>
/// (LiveStreams by <c>status.phase</c>, Unknown before the first status, read from the informer cache at scrape time),
/// the counters <c>ladder_operator_pipeline_reloads_total{result}</c> (ok, rejected), <c>ladder_operator_runner_errors_total</c>
/// and <c>ladder_operator_failovers_total{stream,reason}</c> (input failovers the runners reported, <c>stream</c> being
/// <c>namespace/name</c> as on the runner's own metrics). Every counter is exported at zero before its first event (each
/// reload result; each failover reason of every LiveStream in the cache), so that <c>rate()</c> and <c>increase()</c>
/// have a series from the start; a deleted LiveStream's failover series leave at the next scrape.
/// </summary>
/// <remarks>One instance per registry: the streams gauge is refreshed by a callback this instance adds to it.</remarks>
public sealed class OperatorMetrics
{
    private static readonly string[] Phases = [.. Enum.GetNames<LiveStreamPhase>(), "Unknown"];
    private static readonly string[] FailoverReasons = [.. Enum.GetNames<FailoverReason>().Select(r => r.ToLowerInvariant())];
    private readonly Gauge _streamsByPhase;
    private Func<IEnumerable<LiveStream>> _streams = static () => [];

    /// <summary>Creates the instruments on <paramref name="registry"/>.</summary>
    /// <param name="registry">The operator host's registry.</param>
    /// <exception cref="InvalidOperationException">The registry already holds one of these names with other labels.</exception>
    public OperatorMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _streamsByPhase = factory.CreateGauge("ladder_operator_streams", "LiveStreams by status.phase (Unknown before the first status).", "phase");
        Reloads = factory.CreateCounter("ladder_operator_pipeline_reloads_total", "PUT /v1/pipeline calls to runners, by result (ok, rejected).", "result");
        RunnerErrors = factory.CreateCounter("ladder_operator_runner_errors_total", "Runner admin API calls that got no usable answer.");
        Failovers = factory.CreateCounter("ladder_operator_failovers_total", "Input failovers the runners reported, per stream (namespace/name) and reason.", "stream", "reason");
        Reloads.WithLabels("ok");
        Reloads.WithLabels("rejected");
        registry.AddBeforeCollectCallback(MeasureStreams);
    }

    internal Counter Reloads { get; }

    internal Counter RunnerErrors { get; }

    internal Counter Failovers { get; }

    /// <summary>Sets where the streams gauge reads from (the LiveStream informer's store).</summary>
    internal void ObserveStreams(Func<IEnumerable<LiveStream>> streams) => _streams = streams;

    private void MeasureStreams()
    {
        var counts = Phases.ToDictionary(p => p, _ => 0, StringComparer.Ordinal);
        var streams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stream in _streams())
        {
            counts[stream.Status?.Phase?.ToString() ?? "Unknown"]++;
            streams.Add(stream.Metadata.NamespaceProperty + "/" + stream.Metadata.Name);
        }

        foreach (var labels in Failovers.GetAllLabelValues().Where(l => !streams.Contains(l[0])).ToList())
        {
            Failovers.RemoveLabelled(labels);
        }

        foreach (var stream in streams)
        {
            foreach (var reason in FailoverReasons)
            {
                Failovers.WithLabels(stream, reason);
            }
        }

        foreach (var (phase, count) in counts)
        {
            _streamsByPhase.WithLabels(phase).Set(count);
        }
    }
}
