using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Ingest;
using Ladder.Pipeline.Stages;

namespace Ladder.Pipeline.Metrics;

/// <summary>
/// Owns the media core's instruments on the meter <see cref="MeterName"/>, exposed through Ladder.Metrics as
/// <c>ladder_pipeline_stage_items_total{stream,stage,kind}</c> (packets or frames produced),
/// <c>ladder_pipeline_stage_bytes_total</c> (compressed bytes read or written),
/// <c>ladder_pipeline_stage_dropped_total</c> (items dropped at a full queue),
/// <c>ladder_pipeline_stage_queue_depth</c>, <c>ladder_pipeline_stage_fps</c> (items/s),
/// <c>ladder_pipeline_stage_bitrate</c> (bits/s; on the ingest stage this is the input rate),
/// <c>ladder_pipeline_stage_speed</c> (media seconds per wall-clock second, 1 = realtime),
/// <c>ladder_pipeline_stage_up</c> (1 while Running) and the histogram
/// <c>ladder_pipeline_encode_latency_seconds{stream,rendition}</c> (wall time to encode one frame); with several inputs
/// also <c>ladder_pipeline_input_switches_total{stream,reason}</c> (failovers by reason: timeout, error, manual,
/// failback) and <c>ladder_pipeline_input_active_seconds_total{stream,input}</c> (seconds each input was the active one).
/// </summary>
public sealed class PipelineMetrics
{
    /// <summary>The meter name to select in <c>PrometheusCollectorOptions.AddMeter</c>.</summary>
    public const string MeterName = "Ladder.Pipeline";

    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
    private readonly ConcurrentDictionary<Stage, KeyValuePair<string, object?>[]> _stages = new();
    private readonly ConcurrentDictionary<FailoverIngestStage, string> _failovers = new();
    private readonly Histogram<double> _encodeLatency;
    private readonly Counter<long> _inputSwitches;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The host's meter factory (<c>services.AddMetrics()</c>).</param>
    public PipelineMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("ladder_pipeline_stage_items_total", () => Observe(s => s.Counters.Items), description: "Packets or frames each stage produced.");
        meter.CreateObservableCounter("ladder_pipeline_stage_bytes_total", () => Observe(s => s.Counters.Bytes), "By", "Compressed bytes each stage read or wrote.");
        meter.CreateObservableCounter("ladder_pipeline_stage_dropped_total", () => Observe(s => s.Counters.Dropped), description: "Items dropped because the stage's queue was full.");
        meter.CreateObservableGauge("ladder_pipeline_stage_queue_depth", () => Observe(s => (long)s.QueueDepth), description: "Items waiting in the stage's input queue.");
        meter.CreateObservableGauge("ladder_pipeline_stage_fps", () => Observe(s => s.Counters.Fps), description: "Items per second over the last second.");
        meter.CreateObservableGauge("ladder_pipeline_stage_bitrate", () => Observe(s => s.Counters.Bitrate), "bit/s", "Bits per second over the last second; the ingest stage's is the input rate.");
        meter.CreateObservableGauge("ladder_pipeline_stage_speed", () => Observe(s => s.Counters.Speed), description: "Media seconds produced per wall-clock second; 1 is realtime.");
        meter.CreateObservableGauge("ladder_pipeline_stage_up", () => Observe(s => s.Snapshot().State == StageState.Running ? 1L : 0L), description: "1 while the stage is Running, 0 otherwise.");
        _inputSwitches = meter.CreateCounter<long>("ladder_pipeline_input_switches_total", description: "Switches between inputs, by reason (timeout, error, manual, failback).");
        meter.CreateObservableCounter("ladder_pipeline_input_active_seconds_total", ObserveActiveSeconds, "s", "Seconds each input has been the active one.");
        _encodeLatency = meter.CreateHistogram("ladder_pipeline_encode_latency", "s", "Wall time to encode one frame, per rendition.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
    }

    /// <summary>Starts observing <paramref name="stage"/> of stream <paramref name="stream"/>.</summary>
    internal void Register(string stream, Stage stage) =>
        _stages[stage] = [new("stream", stream), new("stage", stage.Id), new("kind", stage.Kind)];

    /// <summary>Stops observing <paramref name="stage"/>.</summary>
    internal void Unregister(Stage stage) => _stages.TryRemove(stage, out _);

    /// <summary>Starts observing the time on each input of <paramref name="failover"/>.</summary>
    internal void Register(string stream, FailoverIngestStage failover) => _failovers[failover] = stream;

    /// <summary>Stops observing <paramref name="failover"/>.</summary>
    internal void Unregister(FailoverIngestStage failover) => _failovers.TryRemove(failover, out _);

    /// <summary>Counts one input switch.</summary>
    internal void RecordInputSwitch(string stream, FailoverReason reason) =>
        _inputSwitches.Add(1, new KeyValuePair<string, object?>("stream", stream), new KeyValuePair<string, object?>("reason", reason.ToString().ToLowerInvariant()));

    /// <summary>Records one frame's encode time.</summary>
    internal void RecordEncodeLatency(in KeyValuePair<string, object?> stream, in KeyValuePair<string, object?> rendition, double seconds) =>
        _encodeLatency.Record(seconds, stream, rendition);

    private IEnumerable<Measurement<double>> ObserveActiveSeconds() =>
        _failovers.SelectMany(f => f.Key.ActiveSeconds().Select(a =>
            new Measurement<double>(a.Value, new KeyValuePair<string, object?>("stream", f.Value), new KeyValuePair<string, object?>("input", a.Key))));

    private IEnumerable<Measurement<T>> Observe<T>(Func<Stage, T> read)
        where T : struct =>
        _stages.Select(s => new Measurement<T>(read(s.Key), s.Value));
}
