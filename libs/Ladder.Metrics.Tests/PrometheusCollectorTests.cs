using System.Diagnostics.Metrics;

namespace Ladder.Metrics.Tests;

public sealed class PrometheusCollectorTests
{
    [Fact]
    public void Collect_Should_ExposeCounterWithTotalSuffix_When_CounterRecorded()
    {
        using var t = new TestMeter();
        var counter = t.Meter.CreateCounter<long>("ladder.reconciles", description: "Reconciles done.");
        counter.Add(2, new KeyValuePair<string, object?>("result", "success"));
        counter.Add(3, new KeyValuePair<string, object?>("result", "success"));
        counter.Add(1, new KeyValuePair<string, object?>("result", "error"));

        Assert.Equal(
            "# HELP ladder_reconciles_total Reconciles done.\n" +
            "# TYPE ladder_reconciles_total counter\n" +
            "ladder_reconciles_total{result=\"error\"} 1\n" +
            "ladder_reconciles_total{result=\"success\"} 5\n",
            t.Collector.Collect());
    }

    [Fact]
    public void Collect_Should_ExposeObservableCounterAsCounter_When_Polled()
    {
        using var t = new TestMeter();
        var total = 41;
        t.Meter.CreateObservableCounter("ladder.frames", () => ++total, unit: "{frame}", description: "Frames decoded.");

        Assert.Equal(
            "# HELP ladder_frames_total Frames decoded.\n# TYPE ladder_frames_total counter\nladder_frames_total 42\n",
            t.Collector.Collect());
        Assert.EndsWith("ladder_frames_total 43\n", t.Collector.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_Should_ExposeUpDownCounterAsGauge_When_Added()
    {
        using var t = new TestMeter();
        var depth = t.Meter.CreateUpDownCounter<int>("workqueue.depth", description: "Items waiting.");
        depth.Add(5, new KeyValuePair<string, object?>("name", "q"));
        depth.Add(-2, new KeyValuePair<string, object?>("name", "q"));

        Assert.Equal(
            "# HELP workqueue_depth Items waiting.\n# TYPE workqueue_depth gauge\nworkqueue_depth{name=\"q\"} 3\n",
            t.Collector.Collect());
    }

    [Fact]
    public void Collect_Should_ExposeLastValue_When_GaugeRecordedTwice()
    {
        using var t = new TestMeter();
        var gauge = t.Meter.CreateGauge<double>("ladder.temperature", unit: "Cel");
        gauge.Record(20.5);
        gauge.Record(21.25);

        Assert.Equal("# TYPE ladder_temperature_celsius gauge\nladder_temperature_celsius 21.25\n", t.Collector.Collect());
    }

    [Fact]
    public void Collect_Should_DropVanishedSeries_When_ObservableGaugeStopsReportingThem()
    {
        using var t = new TestMeter();
        var streams = new List<string> { "a", "b" };
        t.Meter.CreateObservableGauge("ladder.stream.up", () => streams.Select(s => new Measurement<int>(1, new KeyValuePair<string, object?>("stream", s))), unit: "1");

        Assert.Equal(
            "# TYPE ladder_stream_up_ratio gauge\nladder_stream_up_ratio{stream=\"a\"} 1\nladder_stream_up_ratio{stream=\"b\"} 1\n",
            t.Collector.Collect());
        streams.Remove("a");
        Assert.Equal("# TYPE ladder_stream_up_ratio gauge\nladder_stream_up_ratio{stream=\"b\"} 1\n", t.Collector.Collect());
    }

    [Fact]
    public void Collect_Should_ExposeObservableUpDownCounterAsGauge_When_Polled()
    {
        using var t = new TestMeter();
        t.Meter.CreateObservableUpDownCounter("ladder.buffer.size", () => -7L, unit: "By");

        Assert.Equal("# TYPE ladder_buffer_size_bytes gauge\nladder_buffer_size_bytes -7\n", t.Collector.Collect());
    }

    [Fact]
    public void Collect_Should_ExposeCumulativeBuckets_When_HistogramUsesConfiguredBuckets()
    {
        using var t = new TestMeter(o => o.HistogramBuckets["ladder.reconcile.time"] = [0.1, 1]);
        var histogram = t.Meter.CreateHistogram<double>("ladder.reconcile.time", unit: "s", description: "Reconcile time.");
        histogram.Record(0.05);
        histogram.Record(0.1);
        histogram.Record(0.5);
        histogram.Record(3);

        Assert.Equal(
            "# HELP ladder_reconcile_time_seconds Reconcile time.\n" +
            "# TYPE ladder_reconcile_time_seconds histogram\n" +
            "ladder_reconcile_time_seconds_bucket{le=\"0.1\"} 2\n" +
            "ladder_reconcile_time_seconds_bucket{le=\"1\"} 3\n" +
            "ladder_reconcile_time_seconds_bucket{le=\"+Inf\"} 4\n" +
            "ladder_reconcile_time_seconds_sum 3.65\n" +
            "ladder_reconcile_time_seconds_count 4\n",
            t.Collector.Collect());
    }

    [Fact]
    public void Collect_Should_UseAdvisedBuckets_When_InstrumentAdviceGiven()
    {
        using var t = new TestMeter();
        var histogram = t.Meter.CreateHistogram<long>("segment.size", unit: "By", description: null,
            tags: null, advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1024, 4096] });
        histogram.Record(2000, new KeyValuePair<string, object?>("rendition", "720p"));

        Assert.Equal(
            "# TYPE segment_size_bytes histogram\n" +
            "segment_size_bytes_bucket{rendition=\"720p\",le=\"1024\"} 0\n" +
            "segment_size_bytes_bucket{rendition=\"720p\",le=\"4096\"} 1\n" +
            "segment_size_bytes_bucket{rendition=\"720p\",le=\"+Inf\"} 1\n" +
            "segment_size_bytes_sum{rendition=\"720p\"} 2000\n" +
            "segment_size_bytes_count{rendition=\"720p\"} 1\n",
            t.Collector.Collect());
    }

    [Fact]
    public void Collect_Should_UsePrometheusDefaultBuckets_When_NoneConfigured()
    {
        using var t = new TestMeter();
        t.Meter.CreateHistogram<double>("latency", unit: "s").Record(0.007);

        var text = t.Collector.Collect();

        var les = text.Split('\n').Where(l => l.StartsWith("latency_seconds_bucket", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("le=\"", StringComparison.Ordinal) + 4)..l.IndexOf("\"}", StringComparison.Ordinal)]);
        Assert.Equal(["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"], les);
        Assert.Contains("latency_seconds_bucket{le=\"0.005\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("latency_seconds_bucket{le=\"0.01\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_Should_SortFamiliesAndLabels_When_RecordedInAnyOrder()
    {
        using var t = new TestMeter();
        t.Meter.CreateCounter<int>("zeta").Add(1, new KeyValuePair<string, object?>("b", "2"), new KeyValuePair<string, object?>("a", "1"));
        t.Meter.CreateCounter<int>("alpha").Add(1);

        Assert.Equal(
            "# TYPE alpha_total counter\nalpha_total 1\n# TYPE zeta_total counter\nzeta_total{a=\"1\",b=\"2\"} 1\n",
            t.Collector.Collect());
    }

    [Fact]
    public void Collect_Should_IgnoreMeters_When_NotSelected()
    {
        using var t = new TestMeter();
        using var other = new Meter("Other." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<int>("other").Add(1);

        Assert.Equal("", t.Collector.Collect());
    }

    [Fact]
    public void Collect_Should_SelectMetersByPrefix_When_PrefixConfigured()
    {
        var prefix = "Prefix" + Guid.NewGuid().ToString("N") + ".";
        using var collector = new PrometheusCollector(new PrometheusCollectorOptions().AddMeterPrefix(prefix));
        using var meter = new Meter(prefix + "Runner");
        meter.CreateCounter<int>("hits").Add(4);

        Assert.Equal("# TYPE hits_total counter\nhits_total 4\n", collector.Collect());
    }

    [Fact]
    public void Collect_Should_RemoveInstruments_When_MeterDisposed()
    {
        using var t = new TestMeter();
        var meter = new Meter(t.Meter.Name);
        meter.CreateCounter<int>("gone").Add(1);
        meter.Dispose();

        Assert.Equal("", t.Collector.Collect());
    }

    [Fact]
    public void Constructor_Should_Throw_When_ConfiguredBucketsNotAscending()
    {
        var options = new PrometheusCollectorOptions();
        options.HistogramBuckets["h"] = [1, 0.5];

        var error = Assert.Throws<ArgumentException>(() => new PrometheusCollector(options));
        Assert.Contains("strictly ascending", error.Message, StringComparison.Ordinal);
    }
}
