using System.Diagnostics;
using System.Net;
using k8s.Models;
using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime.Conditions;
using Ladder.Operator.Tests.Support;

namespace Ladder.Operator.Tests.Hosting;

/// <summary>The process host as <c>ladder-operator</c> composes it, against a fake API server reached through a kubeconfig.</summary>
public sealed class OperatorHostTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(50);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(InProcessOperator op, string path)
    {
        using var response = await op.Http.GetAsync(new Uri(op.Health, path));
        return response.StatusCode;
    }

    private static async Task SeedStreamAsync(ObjectClients clients)
    {
        await clients.Secrets.CreateAsync(TestObjects.Namespace, TestObjects.IngestSecret());
        await clients.Profiles.CreateAsync(TestObjects.Namespace, TestObjects.Profile());
        await clients.Streams.CreateAsync(TestObjects.Namespace, TestObjects.Stream());
    }

    [Fact]
    public async Task Host_Should_ServeHealthz_And_TurnReady_When_EveryInformerHasSynced()
    {
        await using var op = await InProcessOperator.StartAsync();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(op, "healthz"));
        await EventuallyAsync(async () => await StatusAsync(op, "readyz") == HttpStatusCode.OK, "/readyz answers 200");
        using var wrongPort = await op.Http.GetAsync(new Uri(op.Health, "metrics"));
        Assert.Equal(HttpStatusCode.NotFound, wrongPort.StatusCode);
    }

    [Fact]
    public async Task Host_Should_ReconcileAStream_When_RunOutOfClusterWithAKubeconfig()
    {
        await using var op = await InProcessOperator.StartAsync();
        await SeedStreamAsync(op.Objects);

        await EventuallyAsync(() => Task.FromResult(op.Api.Get<V1Deployment>(TestObjects.Namespace, "news") is not null), "the runner Deployment exists");
        await EventuallyAsync(() => Task.FromResult(ConditionSet.IsTrue(
            OperatorHarness.As<LiveStream>(op.Api.Get<LiveStream>(TestObjects.Namespace, "news")!).Status?.Conditions, ConditionTypes.Reconciling)),
            "the stream reports Reconciling (its runner is not reachable from here)");
        Assert.NotNull(op.Api.Get<V1Service>(TestObjects.Namespace, "news"));
        Assert.NotNull(op.Api.Get<V1Secret>(TestObjects.Namespace, "news-pipeline"));
        Assert.Equal("ladder/runner:test", OperatorHarness.As<V1Deployment>(op.Api.Get<V1Deployment>(TestObjects.Namespace, "news")!).Spec!.Template!.Spec!.Containers![0].Image);
    }

    [Fact]
    public async Task Metrics_Should_BePromtoolClean_And_CarryReconcileQueueAndStreamMetrics_When_AStreamWasReconciled()
    {
        Assert.True(Promtool.Find() is not null, "promtool is not on PATH (apt package prometheus); it lints the /metrics exposition");
        await using var op = await InProcessOperator.StartAsync();
        await SeedStreamAsync(op.Objects);
        await EventuallyAsync(() => Task.FromResult(op.Api.Get<LiveStream>(TestObjects.Namespace, "news")?["status"] is not null), "the stream has a status");

        string scrape = "";
        await EventuallyAsync(async () =>
        {
            scrape = await op.Http.GetStringAsync(op.Metrics);
            return scrape.Contains("ladder_operator_streams{phase=\"Starting\"} 1", StringComparison.Ordinal)
                || scrape.Contains("ladder_operator_streams{phase=\"Pending\"} 1", StringComparison.Ordinal);
        }, "ladder_operator_streams counts the stream by phase");

        var (exit, output) = await Promtool.CheckMetricsAsync(scrape);
        Assert.True(exit == 0 && output.Trim().Length == 0, $"promtool check metrics exited {exit}:\n{output}");
        foreach (var family in new[]
        {
            "controller_runtime_reconcile_total", "controller_runtime_reconcile_errors_total", "controller_runtime_reconcile_time_seconds",
            "workqueue_depth", "workqueue_adds_total", "workqueue_queue_duration_seconds", "informer_watch_restarts_total",
            "leader_election_master_status", "ladder_operator_streams", "ladder_operator_runner_errors_total",
        })
        {
            Assert.Contains($"# TYPE {family} ", scrape, StringComparison.Ordinal);
        }

        Assert.Contains("controller_runtime_reconcile_total{controller=\"livestream\"", scrape, StringComparison.Ordinal);
        Assert.Contains("ladder_operator_streams{phase=\"Live\"} 0", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_Should_DrainAndReleaseTheLease_When_TheHostIsStoppedAsOnSigterm()
    {
        await using var op = await InProcessOperator.StartAsync();
        await SeedStreamAsync(op.Objects);
        await EventuallyAsync(() => Task.FromResult(op.Api.Get<V1Lease>("ladder-system", "ladder-operator-leader")?["spec"]?["holderIdentity"]?.GetValue<string>() is { Length: > 0 }),
            "this replica holds the Lease");
        await EventuallyAsync(() => Task.FromResult(op.Api.Get<V1Deployment>(TestObjects.Namespace, "news") is not null), "the stream was reconciled");

        var clock = Stopwatch.StartNew();
        await op.StopAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"stopping took {clock.Elapsed}");
        Assert.Equal("", op.Api.Get<V1Lease>("ladder-system", "ladder-operator-leader")!["spec"]!["holderIdentity"]!.GetValue<string>());
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => op.Http.GetAsync(new Uri(op.Health, "healthz")));
    }
}
