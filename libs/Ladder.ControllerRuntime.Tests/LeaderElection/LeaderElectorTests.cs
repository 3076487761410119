using System.Diagnostics;
using k8s;
using k8s.Models;
using Ladder.ControllerRuntime.LeaderElection;
using Ladder.ControllerRuntime.Metrics;
using Ladder.ControllerRuntime.Tests.Support;
using Ladder.Kubernetes.Testing;
using Ladder.TestSupport;

namespace Ladder.ControllerRuntime.Tests.LeaderElection;

/// <summary>
/// The elector (KubernetesClient's LeaderElector with a LeaseLock, plus release and the leading task) against the fake
/// API server. The library runs on the system clock, so these use leases of seconds and bounds with room for a loaded machine.
/// </summary>
public sealed class LeaderElectorTests
{
    private static readonly LeaderElectionOptions Short = new()
    {
        LeaseName = "ladder-leader",
        LeaseNamespace = "demo",
        Identity = "me",
        LeaseDuration = TimeSpan.FromSeconds(2),
        RenewDeadline = TimeSpan.FromSeconds(1),
        RetryPeriod = TimeSpan.FromMilliseconds(250),
    };

    /// <summary>Callbacks whose leading work waits for its token, recording when it started and whether it was cancelled.</summary>
    private sealed class Leading
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LeaderElectionCallbacks Callbacks => new()
        {
            OnStartedLeading = async token =>
            {
                Started.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                finally
                {
                    Cancelled.TrySetResult();
                }
            },
        };
    }

    private static Task<V1Lease> HeldByOtherAsync(IKubernetes kubernetes, int leaseSeconds) =>
        kubernetes.CoordinationV1.CreateNamespacedLeaseAsync(
            new V1Lease
            {
                Metadata = new V1ObjectMeta { Name = "ladder-leader" },
                Spec = new V1LeaseSpec { HolderIdentity = "other", LeaseDurationSeconds = leaseSeconds, AcquireTime = DateTime.UtcNow.AddTicks(1), RenewTime = DateTime.UtcNow.AddTicks(1), LeaseTransitions = 4 },
            },
            "demo");

    [Fact]
    public async Task RunAsync_Should_TakeOverAndCountTransition_When_HeldLeaseStopsChangingForItsDuration()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var kubernetes = server.CreateKubernetes();
        await HeldByOtherAsync(kubernetes, 2);
        var leading = new Leading();
        var elector = new LeaderElector(kubernetes, Short, leading.Callbacks);
        using var cts = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        var run = elector.RunAsync(cts.Token);
        await leading.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var tookOver = clock.Elapsed;

        Assert.True(tookOver >= TimeSpan.FromSeconds(1.5), $"took over after {tookOver}, before the other holder's 2 s lease ran out");
        var lease = await kubernetes.CoordinationV1.ReadNamespacedLeaseAsync("ladder-leader", "demo");
        Assert.Equal(("me", 5), (lease.Spec.HolderIdentity, lease.Spec.LeaseTransitions));
        Assert.True(elector.IsLeader);
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(elector.LostLeadership);
    }

    [Fact]
    public async Task RunAsync_Should_CancelLeadingWorkAndReportLost_When_NoRenewalSucceedsWithinDeadline()
    {
        await using var server = await FakeApiServer.StartAsync();
        var handler = new SwitchableHandler();
        using var kubernetes = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = server.Address.ToString(), AccessToken = "t" }, handler);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var leading = new Leading();
        var elector = new LeaderElector(kubernetes, Short, leading.Callbacks, metrics: new ControllerRuntimeMetrics(registry));

        var run = elector.RunAsync(CancellationToken.None);
        await leading.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(1, (await PrometheusSamples.ScrapeAsync(registry)).Value("leader_election_master_status", ("name", "ladder-leader")));
        var clock = Stopwatch.StartNew();
        handler.Unreachable = true;
        await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(elector.LostLeadership);
        Assert.True(leading.Cancelled.Task.IsCompleted, "the leading work's token is cancelled and the work awaited before RunAsync returns");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"gave up after {clock.Elapsed}");
        Assert.Equal(0, (await PrometheusSamples.ScrapeAsync(registry)).Value("leader_election_master_status", ("name", "ladder-leader")));
    }

    [Fact]
    public async Task RunAsync_Should_LetSuccessorLeadAtOnce_When_LeaderShutsDownWithReleaseOnCancel()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var kubernetes = server.CreateKubernetes();
        var options = Short with { LeaseDuration = TimeSpan.FromSeconds(15), RenewDeadline = TimeSpan.FromSeconds(5), ReleaseOnCancel = true };
        var first = new Leading();
        var second = new Leading();
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var a = new LeaderElector(kubernetes, options with { Identity = "a" }, first.Callbacks);
        var runA = a.RunAsync(stopFirst.Token);
        await first.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var b = new LeaderElector(kubernetes, options with { Identity = "b" }, second.Callbacks);
        var runB = b.RunAsync(stopSecond.Token);
        await Eventually.WaitUntil(() => b.Leader == "a", "the successor sees the leader");

        var clock = Stopwatch.StartNew();
        await stopFirst.CancelAsync();
        await runA.WaitAsync(TimeSpan.FromSeconds(10));
        await second.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the successor waited {clock.Elapsed}: the 15 s lease was not released");
        Assert.True(first.Cancelled.Task.IsCompleted);
        var lease = await kubernetes.CoordinationV1.ReadNamespacedLeaseAsync("ladder-leader", "demo");
        Assert.Equal("b", lease.Spec.HolderIdentity);
        await stopSecond.CancelAsync();
        await runB.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
