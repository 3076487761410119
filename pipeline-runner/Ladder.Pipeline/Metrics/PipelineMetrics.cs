using System.Collections.Concurrent;
using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Ingest;
using Ladder.Pipeline.Stages;
using Prometheus;

namespace Ladder.Pipeline.Metrics;

/// <summary>
/// Owns the media core's prometheus-net instruments on one <see cref="CollectorRegistry"/>. Read from the live stages
/// at scrape time, labelled <c>{stream,stage,kind}</c>: counters <c>ladder_pipeline_stage_items_total</c> (packets or
/// frames produced), <c>ladder_pipeline_stage_bytes_total</c> (compressed bytes read or written),
/// <c>ladder_pipeline_stage_dropped_total</c> (items dropped at a full queue); gauges
/// <c>ladder_pipeline_stage_queue_depth</c>, <c>ladder_pipeline_stage_fps</c> (items/s),
/// <c>ladder_pipeline_stage_bitrate_bit_per_second</c> (bits/s; on the ingest stage this is the input rate),
/// <c>ladder_pipeline_stage_speed</c> (media seconds per wall-clock second, 1 = realtime) and
/// <c>ladder_pipeline_stage_up</c> (1 while Running). Recorded as they happen: the histogram
/// <c>ladder_pipeline_encode_latency_seconds{stream,rendition}</c> (wall time to encode one frame) and, with several
/// inputs, <c>ladder_pipeline_input_switches_total{stream,reason}</c> (failovers by reason: timeout, error, manual,
/// failback); read at scrape time, <c>ladder_pipeline_input_active_seconds_total{stream,input}</c> (seconds each input
/// was the active one).
/// </summary>
/// <remarks>One instance per registry: its scrape-time series are refreshed by a callback it adds to the registry.</remarks>
public sealed class PipelineMetrics
{
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
    private static readonly string[] StageLabels = ["stream", "stage", "kind"];
    private readonly ConcurrentDictionary<Stage, string[]> _stages = new();
    private readonly ConcurrentDictionary<FailoverIngestStage, string> _failovers = new();
    private readonly Lock _gate = new();
    private readonly ScrapedSeries _scraped = new();
    private readonly Counter _items;
    private readonly Counter _bytes;
    private readonly Counter _dropped;
    private readonly Gauge _queueDepth;
    private readonly Gauge _fps;
    private readonly Gauge _bitrate;
    private readonly Gauge _speed;
    private readonly Gauge _up;
    private readonly Counter _activeSeconds;
    private readonly Histogram _encodeLatency;
    private readonly Counter _inputSwitches;

    /// <summary>Creates the instruments on <paramref name="registry"/> and hooks the scrape-time series to its collections.</summary>
    /// <param name="registry">The runner's registry (one per runner, so that two runners in a process stay apart).</param>
    /// <exception cref="InvalidOperationException">The registry already holds one of these names with other labels.</exception>
    public PipelineMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _items = factory.CreateCounter("ladder_pipeline_stage_items_total", "Packets or frames each stage produced.", StageLabels);
        _bytes = factory.CreateCounter("ladder_pipeline_stage_bytes_total", "Compressed bytes each stage read or wrote.", StageLabels);
        _dropped = factory.CreateCounter("ladder_pipeline_stage_dropped_total", "Items dropped because the stage's queue was full.", StageLabels);
        _queueDepth = factory.CreateGauge("ladder_pipeline_stage_queue_depth", "Items waiting in the stage's input queue.", StageLabels);
        _fps = factory.CreateGauge("ladder_pipeline_stage_fps", "Items per second over the last second.", StageLabels);
        _bitrate = factory.CreateGauge("ladder_pipeline_stage_bitrate_bit_per_second", "Bits per second over the last second; the ingest stage's is the input rate.", StageLabels);
        _speed = factory.CreateGauge("ladder_pipeline_stage_speed", "Media seconds produced per wall-clock second; 1 is realtime.", StageLabels);
        _up = factory.CreateGauge("ladder_pipeline_stage_up", "1 while the stage is Running, 0 otherwise.", StageLabels);
        _inputSwitches = factory.CreateCounter("ladder_pipeline_input_switches_total", "Switches between inputs, by reason (timeout, error, manual, failback).", "stream", "reason");
        _activeSeconds = factory.CreateCounter("ladder_pipeline_input_active_seconds_total", "Seconds each input has been the active one.", "stream", "input");
        _encodeLatency = factory.CreateHistogram("ladder_pipeline_encode_latency_seconds", "Wall time to encode one frame, per rendition.", new HistogramConfiguration { LabelNames = ["stream", "rendition"], Buckets = LatencyBuckets });
        registry.AddBeforeCollectCallback(Scrape);
    }

    /// <summary>Starts observing <paramref name="stage"/> of stream <paramref name="stream"/>.</summary>
    internal void Register(string stream, Stage stage) => _stages[stage] = [stream, stage.Id, stage.Kind];

    /// <summary>Stops observing <paramref name="stage"/>; its series leave at the next scrape.</summary>
    internal void Unregister(Stage stage) => _stages.TryRemove(stage, out _);

    /// <summary>
    /// Starts observing the time on each input of <paramref name="failover"/>, and exports its stream's switch counter
    /// at zero for every reason, so that <c>increase()</c> and the failover alert have a series before the first switch.
    /// </summary>
    internal void Register(string stream, FailoverIngestStage failover)
    {
        _failovers[failover] = stream;
        foreach (var reason in Enum.GetValues<FailoverReason>())
        {
            _inputSwitches.WithLabels(stream, Label(reason));
        }
    }

    /// <summary>Stops observing <paramref name="failover"/>.</summary>
    internal void Unregister(FailoverIngestStage failover) => _failovers.TryRemove(failover, out _);

    /// <summary>Counts one input switch.</summary>
    internal void RecordInputSwitch(string stream, FailoverReason reason) =>
        _inputSwitches.WithLabels(stream, Label(reason)).Inc();

    /// <summary>The encode-latency series (seconds per frame) of one rendition.</summary>
    internal Histogram.Child EncodeLatency(string stream, string rendition) => _encodeLatency.WithLabels(stream, rendition);

    private static string Label(FailoverReason reason) => reason.ToString().ToLowerInvariant();

    private void Scrape()
    {
        lock (_gate)
        {
            foreach (var (stage, labels) in _stages)
            {
                var counters = stage.Counters;
                _scraped.Counter(_items, counters.Items, labels);
                _scraped.Counter(_bytes, counters.Bytes, labels);
                _scraped.Counter(_dropped, counters.Dropped, labels);
                _scraped.Gauge(_queueDepth, stage.QueueDepth, labels);
                _scraped.Gauge(_fps, counters.Fps, labels);
                _scraped.Gauge(_bitrate, counters.Bitrate, labels);
                _scraped.Gauge(_speed, counters.Speed, labels);
                _scraped.Gauge(_up, stage.Snapshot().State == StageState.Running ? 1 : 0, labels);
            }

            foreach (var (failover, stream) in _failovers)
            {
                foreach (var (input, seconds) in failover.ActiveSeconds())
                {
                    _scraped.Counter(_activeSeconds, seconds, stream, input);
                }
            }

            _scraped.Flush();
        }
    }
}
