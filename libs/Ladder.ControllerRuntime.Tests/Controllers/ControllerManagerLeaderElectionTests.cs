using k8s;
using k8s.Models;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Controllers;
using Ladder.ControllerRuntime.LeaderElection;
using Ladder.ControllerRuntime.Tests.Support;
using Ladder.Kubernetes.Testing;

namespace Ladder.ControllerRuntime.Tests.Controllers;

public sealed class ControllerManagerLeaderElectionTests
{
    // Wall-clock durations (the election runs on the system clock): LeaseDuration - RenewDeadline leaves a 2 s drain grace.
    private static readonly LeaderElectionOptions Election = new()
    {
        LeaseName = "ladder-leader",
        LeaseNamespace = "demo",
        Identity = "me",
        LeaseDuration = TimeSpan.FromSeconds(3),
        RenewDeadline = TimeSpan.FromSeconds(1),
        RetryPeriod = TimeSpan.FromMilliseconds(250),
    };

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

    [Fact]
    public async Task Manager_Should_DrainInFlightReconcileThenThrowLost_When_LeadershipLost()
    {
        await using var server = await FakeApiServer.StartAsync();
        var handler = new SwitchableHandler();
        using var kubernetes = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = server.Address.ToString(), AccessToken = "t" }, handler);
        var reconciler = new GatedReconciler();
        var widgets = InformerOf(Widget.Create("a"));
        var controller = new ControllerBuilder("widgets", reconciler).For(widgets).Build();
        using var manager = new ControllerManager().AddInformer(widgets).AddController(controller).WithLeaderElection(kubernetes, Election);
        using var cts = new CancellationTokenSource();

        var run = manager.RunAsync(cts.Token);
        await reconciler.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        handler.Unreachable = true;
        await Eventually.WaitUntil(() => controller.Queue.IsShuttingDown, "the controller stops taking keys once leadership is lost", 20_000);
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
        using var kubernetes = server.CreateKubernetes();
        var now = DateTime.UtcNow.AddTicks(1);
        await kubernetes.CoordinationV1.CreateNamespacedLeaseAsync(
            new V1Lease
            {
                Metadata = new V1ObjectMeta { Name = "ladder-leader" },
                Spec = new V1LeaseSpec { HolderIdentity = "other", LeaseDurationSeconds = 2, AcquireTime = now, RenewTime = now, LeaseTransitions = 4 },
            },
            "demo");
        var reconciler = new GatedReconciler();
        reconciler.Gate.SetResult();
        var widgets = InformerOf(Widget.Create("a"));
        using var manager = new ControllerManager().AddInformer(widgets).AddController(new ControllerBuilder("widgets", reconciler).For(widgets).Build())
            .WithLeaderElection(kubernetes, Election);
        var elector = manager.LeaderElector!;
        using var cts = new CancellationTokenSource();

        var run = manager.RunAsync(cts.Token);
        await Eventually.WaitUntil(() => elector.Leader == "other" && widgets.HasSynced, "the other replica seen as leader");
        await Task.Delay(500);
        Assert.Equal(0, reconciler.Calls);

        await reconciler.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var lease = await kubernetes.CoordinationV1.ReadNamespacedLeaseAsync("ladder-leader", "demo");
        Assert.Equal(("me", 5), (lease.Spec.HolderIdentity, lease.Spec.LeaseTransitions));
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(manager.LeadershipLost);
    }
}
