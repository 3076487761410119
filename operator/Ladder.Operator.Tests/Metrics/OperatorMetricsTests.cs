using k8s.Models;
using Ladder.Api.V1Alpha1;
using Ladder.Operator.Metrics;
using Ladder.TestSupport;

namespace Ladder.Operator.Tests.Metrics;

public sealed class OperatorMetricsTests
{
    private static LiveStream Stream(string name, LiveStreamPhase? phase) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "media" },
        Status = phase is null ? null : new LiveStreamStatus { Phase = phase },
    };

    [Fact]
    public async Task Instruments_Should_ReportStreamsByPhaseReloadsAndFailovers_When_Scraped()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new OperatorMetrics(registry);
        List<LiveStream> streams = [Stream("a", LiveStreamPhase.Live), Stream("b", LiveStreamPhase.Live), Stream("c", null)];
        metrics.ObserveStreams(() => streams);

        var before = await PrometheusSamples.ScrapeAsync(registry);
        metrics.Reloads.WithLabels("ok").Inc();
        metrics.RunnerErrors.Inc();
        metrics.Failovers.WithLabels("media/a", "timeout").Inc();
        var scrape = await PrometheusSamples.ScrapeAsync(registry);
        streams.RemoveAt(0);
        var afterDelete = await PrometheusSamples.ScrapeAsync(registry);

        double Phase(string phase) => scrape.Value("ladder_operator_streams", ("phase", phase));
        Assert.Equal((2d, 1d, 0d), (Phase("Live"), Phase("Unknown"), Phase("Failed")));
        Assert.Equal(Enum.GetNames<LiveStreamPhase>().Length + 1, scrape.Of("ladder_operator_streams").Count());
        Assert.Equal((0d, 0d, 0d), (before.Value("ladder_operator_pipeline_reloads_total", ("result", "ok")), before.Value("ladder_operator_runner_errors_total"), before.Sum("ladder_operator_failovers_total")));
        Assert.Equal(12, before.Of("ladder_operator_failovers_total").Count()); // three streams, four reasons, all at zero
        Assert.Equal((1d, 0d), (scrape.Value("ladder_operator_pipeline_reloads_total", ("result", "ok")), scrape.Value("ladder_operator_pipeline_reloads_total", ("result", "rejected"))));
        Assert.Equal(1, scrape.Value("ladder_operator_runner_errors_total"));
        Assert.Equal(1, scrape.Value("ladder_operator_failovers_total", ("stream", "media/a"), ("reason", "timeout")));
        Assert.Empty(afterDelete.Of("ladder_operator_failovers_total", ("stream", "media/a")));
    }

    [Fact]
    public async Task Registries_Should_KeepTheirSeriesApart_When_TwoOperatorsShareAProcess()
    {
        var (first, second) = (Prometheus.Metrics.NewCustomRegistry(), Prometheus.Metrics.NewCustomRegistry());
        var one = new OperatorMetrics(first);
        _ = new OperatorMetrics(second);

        one.RunnerErrors.Inc(3);

        Assert.Equal(3, (await PrometheusSamples.ScrapeAsync(first)).Value("ladder_operator_runner_errors_total"));
        Assert.Equal(0, (await PrometheusSamples.ScrapeAsync(second)).Value("ladder_operator_runner_errors_total"));
    }
}
