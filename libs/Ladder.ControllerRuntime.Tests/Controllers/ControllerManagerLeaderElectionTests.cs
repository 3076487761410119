using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Controllers;
using Ladder.ControllerRuntime.LeaderElection;
using Ladder.ControllerRuntime.Tests.Support;
using Ladder.ControllerRuntime.Tests.Time;
using Ladder.Kubernetes;
using Ladder.Kubernetes.Models;
using Ladder.Kubernetes.Testing;
using V1ObjectMeta = k8s.Models.V1ObjectMeta;

namespace Ladder.ControllerRuntime.Tests.Controllers;

public sealed class ControllerManagerLeaderElectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);
    private static readonly LeaderElectionOptions Election = new() { LeaseName = "ladder-leader", LeaseNamespace = "demo", Identity = "me" };

    private sealed class GatedReconciler : IReconciler
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls;

        public bool CancelledAtEnd;

        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            Started.TrySetResult();
            await Gate.Task;
            CancelledAtEnd = cancellationToken.IsCancellationRequested;
            return ReconcileResult.Done;
        }
    }

    private static Informer<Widget> InformerOf(params Widget[] items) => new(StaticListWatch.Of(items));

    private static async Task TickAsync(FakeClock clock, LeaderElector elector, Task run, Func<bool>? ended = null)
    {
        var waits = elector.Waits;
        clock.Advance(Retry);
        await Eventually.WaitUntil(() => elector.Waits > waits || run.IsCompleted || ended?.Invoke() == true, "an election attempt");
    }

    [Fact]
    public async Task Manager_Should_DrainInFlightReconcileThenThrowLost_When_LeadershipLost()
    {
        await using var server = await FakeApiServer.StartAsync();
        var handler = new SwitchableHandler();
        using var client = new KubernetesClient(new k8s.KubernetesClientConfiguration { Host = server.Address.ToString(), AccessToken = "t" }, handler);
        var clock = new FakeClock(T0);
        var reconciler = new GatedReconciler();
        var widgets = InformerOf(Widget.Create("a"));
        var controller = new ControllerBuilder("widgets", reconciler).For(widgets).Build();
        using var manager = new ControllerManager().AddInformer(widgets).AddController(controller)
            .WithLeaderElection(client.Resource<Lease>(ApiResource.Leases), Election, clock);
        var elector = manager.LeaderElector!;
        elector.Random = () => 0;
        using var cts = new CancellationTokenSource();

        var run = manager.RunAsync(cts.Token);
        await reconciler.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.WaitUntil(() => elector.Waits >= 1, "renew loop waiting");
        handler.Unreachable = true;
        for (var i = 0; i < 10 && !controller.Queue.IsShuttingDown; i++)
        {
            await TickAsync(clock, elector, run, () => controller.Queue.IsShuttingDown);
        }

        Assert.True(controller.Queue.IsShuttingDown, "the controller stops taking keys once leadership is lost");
        await Task.Delay(100);
        Assert.False(run.IsCompleted, "the manager waits for the in-flight reconcile");
        reconciler.Gate.SetResult();

        var lost = await Assert.ThrowsAsync<LeaderElectionLostException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(("demo/ladder-leader", "me"), (lost.Lease, lost.Identity));
        Assert.True(manager.LeadershipLost);
        Assert.False(reconciler.CancelledAtEnd, "drained within the grace, the reconcile was not cancelled");
        Assert.Equal(1, reconciler.Calls);
    }

    [Fact]
    public async Task Manager_Should_RunControllersOnlyAfterTakingOver_When_AnotherReplicaHeldTheLease()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var client = server.CreateClient();
        var leases = client.Resource<Lease>(ApiResource.Leases);
        await leases.CreateAsync("demo", new Lease
        {
            Metadata = new V1ObjectMeta { Name = "ladder-leader" },
            Spec = new LeaseSpec { HolderIdentity = "other", LeaseDurationSeconds = 15, AcquireTime = T0, RenewTime = T0, LeaseTransitions = 4 },
        });
        var clock = new FakeClock(T0);
        var reconciler = new GatedReconciler();
        reconciler.Gate.SetResult();
        var widgets = InformerOf(Widget.Create("a"));
        using var manager = new ControllerManager().AddInformer(widgets).AddController(new ControllerBuilder("widgets", reconciler).For(widgets).Build())
            .WithLeaderElection(leases, Election, clock);
        var elector = manager.LeaderElector!;
        elector.Random = () => 0;
        using var cts = new CancellationTokenSource();

        var run = manager.RunAsync(cts.Token);
        await Eventually.WaitUntil(() => elector.Waits >= 1 && widgets.HasSynced, "first attempt");
        for (var i = 0; i < 6; i++)
        {
            await TickAsync(clock, elector, run);
        }

        Assert.Equal("other", elector.Leader);
        Assert.Equal(0, reconciler.Calls);
        for (var i = 0; i < 6 && !elector.IsLeader; i++)
        {
            await TickAsync(clock, elector, run);
        }

        await reconciler.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, server.Get(ApiResource.Leases, "demo", "ladder-leader")!["spec"]!["leaseTransitions"]!.GetValue<int>());
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(manager.LeadershipLost);
    }
}
