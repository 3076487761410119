using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ladder.Metrics.Tests;

/// <summary>Checks the exposition with Prometheus' own linter (<c>promtool check metrics</c>, Debian package <c>prometheus</c>).</summary>
public sealed class PromtoolTests
{
    private const string Promtool = "/usr/bin/promtool";

    [Fact]
    public async Task PromtoolCheckMetrics_Should_AcceptExposition_When_RealisticInstrumentsRecorded()
    {
        Assert.True(File.Exists(Promtool), $"{Promtool} is missing: run hack/install-deps.sh (Debian package 'prometheus') to install promtool.");
        using var t = new TestMeter(o => o.HistogramBuckets["controller_runtime_reconcile_time"] = [0.01, 0.1, 1, 10]);
        var reconciles = t.Meter.CreateCounter<long>("controller_runtime_reconcile", description: "Reconciles by controller and result.");
        reconciles.Add(3, new("controller", "livestream"), new("result", "success"));
        reconciles.Add(1, new("controller", "livestream"), new("result", "error"));
        t.Meter.CreateHistogram<double>("controller_runtime_reconcile_time", "s", "Reconcile duration.").Record(0.2, new KeyValuePair<string, object?>("controller", "livestream"));
        t.Meter.CreateUpDownCounter<long>("workqueue_depth", description: "Items waiting in the work queue.").Add(2, new KeyValuePair<string, object?>("name", "livestream"));
        t.Meter.CreateObservableGauge("pipeline.buffer.fill", () => 0.75, "1", "Fraction of the segment buffer in use.");
        t.Meter.CreateObservableCounter("pipeline.bytes.out", () => 123_456L, "By", "Bytes published to the origin.");
        t.Meter.CreateHistogram<long>("pipeline.segment.size", "By", "Segment size.", tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [65_536, 1_048_576] }).Record(500_000, new KeyValuePair<string, object?>("rendition", "720p"));
        t.Meter.CreateCounter<int>("pipeline.errors", description: "Errors with \"quotes\" and a \\ backslash.")
            .Add(1, new KeyValuePair<string, object?>("message", "line1\nline2 \"q\" \\"));

        var (exitCode, output) = await RunPromtoolAsync(t.Collector.Collect());

        Assert.True(exitCode == 0 && output.Trim().Length == 0, $"promtool check metrics exited {exitCode}:\n{output}");
    }

    private static async Task<(int ExitCode, string Output)> RunPromtoolAsync(string exposition)
    {
        var start = new ProcessStartInfo(Promtool, "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
