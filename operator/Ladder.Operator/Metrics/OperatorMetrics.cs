using System.Diagnostics.Metrics;
using Ladder.Api.V1Alpha1;

namespace Ladder.Operator.Metrics;

/// <summary>
/// The operator's own instruments on the meter <see cref="MeterName"/> (the reconcile, queue, informer and leader
/// metrics come from <c>ControllerRuntimeMetrics</c>): <c>ladder_operator_streams{phase}</c> (LiveStreams by
/// <c>status.phase</c>, from the informer cache at scrape time), <c>ladder_operator_pipeline_reloads_total{result}</c>,
/// <c>ladder_operator_runner_errors_total</c> and <c>ladder_operator_failovers_total{stream,reason}</c> (input
/// failovers the runners reported, <c>stream</c> being <c>namespace/name</c> as on the runner's own metrics).
/// </summary>
public sealed class OperatorMetrics
{
    /// <summary>The meter name to collect.</summary>
    public const string MeterName = "Ladder.Operator";

    private Func<IEnumerable<LiveStream>> _streams = static () => [];

    /// <summary>Creates the instruments.</summary>
    public OperatorMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("ladder_operator_streams", MeasureStreams, description: "LiveStreams by status.phase (Unknown before the first status).");
        Reloads = meter.CreateCounter<long>("ladder_operator_pipeline_reloads_total", description: "PUT /v1/pipeline calls to runners, by result (ok, rejected, failed).");
        RunnerErrors = meter.CreateCounter<long>("ladder_operator_runner_errors_total", description: "Runner admin API calls that got no usable answer.");
        Failovers = meter.CreateCounter<long>("ladder_operator_failovers_total", description: "Input failovers the runners reported, per stream (namespace/name) and reason.");
    }

    internal Counter<long> Reloads { get; }

    internal Counter<long> RunnerErrors { get; }

    internal Counter<long> Failovers { get; }

    /// <summary>Sets where the streams gauge reads from (the LiveStream informer's store).</summary>
    internal void ObserveStreams(Func<IEnumerable<LiveStream>> streams) => _streams = streams;

    private IEnumerable<Measurement<long>> MeasureStreams()
    {
        var counts = Enum.GetNames<LiveStreamPhase>().Append("Unknown").ToDictionary(p => p, _ => 0L, StringComparer.Ordinal);
        foreach (var stream in _streams())
        {
            counts[stream.Status?.Phase?.ToString() ?? "Unknown"]++;
        }

        return counts.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("phase", p.Key)));
    }
}
