namespace Ladder.Metrics.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Collect_Should_ReportExactTotals_When_ManyThreadsRecordWhileScraping()
    {
        const int Threads = 8;
        const int PerThread = 20_000;
        using var t = new TestMeter(o => o.HistogramBuckets["work"] = [0.5]);
        var counter = t.Meter.CreateCounter<long>("ops");
        var sum = t.Meter.CreateCounter<double>("weight");
        var histogram = t.Meter.CreateHistogram<double>("work");
        using var stop = new CancellationTokenSource();
        var scraper = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                _ = t.Collector.Collect();
            }
        });

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(() =>
        {
            var tag = new KeyValuePair<string, object?>("shard", thread % 2);
            for (var i = 0; i < PerThread; i++)
            {
                counter.Add(1, tag);
                sum.Add(0.25);
                histogram.Record(i % 2 == 0 ? 0.25 : 1.0);
            }
        })));
        await stop.CancelAsync();
        await scraper;

        var text = t.Collector.Collect();
        Assert.Contains($"ops_total{{shard=\"0\"}} {Threads / 2 * PerThread}\n", text, StringComparison.Ordinal);
        Assert.Contains($"ops_total{{shard=\"1\"}} {Threads / 2 * PerThread}\n", text, StringComparison.Ordinal);
        Assert.Contains($"weight_total {Threads * PerThread / 4}\n", text, StringComparison.Ordinal);
        Assert.Contains($"work_bucket{{le=\"0.5\"}} {Threads * PerThread / 2}\n", text, StringComparison.Ordinal);
        Assert.Contains($"work_bucket{{le=\"+Inf\"}} {Threads * PerThread}\n", text, StringComparison.Ordinal);
        Assert.Contains($"work_count {Threads * PerThread}\n", text, StringComparison.Ordinal);
        Assert.Contains($"work_sum {Threads * PerThread / 2 * 1.25}\n", text, StringComparison.Ordinal);
    }
}
