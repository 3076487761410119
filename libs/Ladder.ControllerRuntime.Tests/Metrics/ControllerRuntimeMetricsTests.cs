using System.Collections.Concurrent;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Controllers;
using Ladder.ControllerRuntime.Metrics;
using Ladder.ControllerRuntime.Queue;
using Ladder.ControllerRuntime.Tests.Support;
using Ladder.TestSupport;

namespace Ladder.ControllerRuntime.Tests.Metrics;

public sealed class ControllerRuntimeMetricsTests
{
    private sealed class OnceThenDone(Func<ObjectKey, ReconcileResult> first) : IReconciler
    {
        private readonly ConcurrentDictionary<ObjectKey, int> _calls = new();

        public int Total => _calls.Values.Sum();

        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken) =>
            Task.FromResult(_calls.AddOrUpdate(key, 1, (_, n) => n + 1) == 1 ? first(key) : ReconcileResult.Done);
    }

    [Fact]
    public async Task ReconcileTotal_Should_CountByResult_When_ReconcilesSucceedThrowAndRequeue()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new ControllerRuntimeMetrics(registry);
        var informer = new Informer<Widget>(StaticListWatch.Of(Widget.Create("ok"), Widget.Create("boom"), Widget.Create("again")));
        var reconciler = new OnceThenDone(key => key.Name switch
        {
            "boom" => throw new InvalidOperationException("boom"),
            "again" => new ReconcileResult(Requeue: true),
            _ => ReconcileResult.Done,
        });
        var controller = new ControllerBuilder("widgets", reconciler).For(informer).With(metrics: metrics)
            .WithRateLimiter(new ItemExponentialFailureRateLimiter<ObjectKey>(TimeSpan.Zero, TimeSpan.Zero)).Build();
        using var cts = new CancellationTokenSource();

        var run = new ControllerManager().AddInformer(informer).AddController(controller).RunAsync(cts.Token);
        await Eventually.WaitUntil(() => reconciler.Total == 5, "five reconciles");
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        var scrape = await PrometheusSamples.ScrapeAsync(registry);
        var total = "controller_runtime_reconcile_total";
        Assert.Equal(3, scrape.Value(total, ("controller", "widgets"), ("result", "success")));
        Assert.Equal(1, scrape.Value(total, ("controller", "widgets"), ("result", "error")));
        Assert.Equal(1, scrape.Value(total, ("controller", "widgets"), ("result", "requeue")));
        Assert.Equal(0, scrape.Value(total, ("controller", "widgets"), ("result", "requeue_after"))); // exported from the start, as zero
        Assert.Equal(1, scrape.Value("controller_runtime_reconcile_errors_total", ("controller", "widgets")));
        Assert.Equal(5, scrape.Value("controller_runtime_reconcile_time_seconds_count", ("controller", "widgets")));
        Assert.Equal("histogram", scrape.Types["controller_runtime_reconcile_time_seconds"]);
    }
}
