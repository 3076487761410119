using System.Collections.Concurrent;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Controllers;
using Ladder.ControllerRuntime.Queue;
using Ladder.ControllerRuntime.Tests.Support;
using V1OwnerReference = k8s.Models.V1OwnerReference;

namespace Ladder.ControllerRuntime.Tests.Controllers;

public sealed class ControllerTests
{
    private sealed class ScriptedReconciler(Func<ObjectKey, int, ReconcileResult> script) : IReconciler
    {
        private int _running;

        public ConcurrentQueue<ObjectKey> Calls { get; } = new();

        public int Overlaps;

        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _running) > 1)
            {
                Interlocked.Increment(ref Overlaps);
            }

            Calls.Enqueue(key);
            await Task.Yield();
            var n = Calls.Count(k => k == key);
            Interlocked.Decrement(ref _running);
            return script(key, n);
        }
    }

    private static Informer<Widget> InformerOf(params Widget[] items) => new(StaticListWatch.Of(items));

    private static async Task RunUntil(ControllerManager manager, Func<bool> done)
    {
        using var cts = new CancellationTokenSource();
        var run = manager.RunAsync(cts.Token);
        for (var i = 0; i < 1000 && !done(); i++)
        {
            await Task.Delay(10);
        }

        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(done(), "the controller did not reach the expected state within 10 s");
    }

    // Adds one key once the controller runs, then waits for the stop and records that it saw it.
    private sealed class OneKeySource(ObjectKey key) : ISource
    {
        public bool Stopped { get; private set; }

        public async Task RunAsync(RateLimitingQueue<ObjectKey> queue, CancellationToken stopping)
        {
            queue.Add(key);
            await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            Stopped = true;
        }
    }

    [Fact]
    public async Task Controller_Should_ReconcileKeysFromASource_And_StopItWithTheController()
    {
        var reconciler = new ScriptedReconciler((_, _) => ReconcileResult.Done);
        var source = new OneKeySource(new ObjectKey("demo", "from-outside"));
        var controller = new ControllerBuilder("widgets", reconciler).WatchesSource(source).Build();

        await RunUntil(new ControllerManager().AddController(controller), () => !reconciler.Calls.IsEmpty);

        Assert.Equal([new ObjectKey("demo", "from-outside")], reconciler.Calls);
        Assert.True(source.Stopped, "the source was stopped before the controller's run ended");
    }

    [Fact]
    public async Task Controller_Should_RetryWithBackoffUntilSuccess_When_ReconcileThrows()
    {
        var reconciler = new ScriptedReconciler((_, n) => n < 3 ? throw new InvalidOperationException("boom") : ReconcileResult.Done);
        var widgets = InformerOf(Widget.Create("a"));
        var controller = new ControllerBuilder("widgets", reconciler).For(widgets).Build();

        await RunUntil(new ControllerManager().AddInformer(widgets).AddController(controller), () => reconciler.Calls.Count == 3);

        Assert.All(reconciler.Calls, k => Assert.Equal(new ObjectKey("demo", "a"), k));
        Assert.Equal(0, controller.Queue.NumRequeues(new ObjectKey("demo", "a")));
    }

    [Fact]
    public async Task Controller_Should_ForgetAndAddAfter_When_RequeueAfterReturned()
    {
        var reconciler = new ScriptedReconciler((_, n) => n == 1 ? ReconcileResult.After(TimeSpan.FromMilliseconds(20)) : ReconcileResult.Done);
        var widgets = InformerOf(Widget.Create("a"));
        var controller = new ControllerBuilder("widgets", reconciler).For(widgets).Build();

        await RunUntil(new ControllerManager().AddInformer(widgets).AddController(controller), () => reconciler.Calls.Count == 2);

        Assert.Equal(0, controller.Queue.NumRequeues(new ObjectKey("demo", "a")));
    }

    [Fact]
    public async Task Controller_Should_NeverReconcileOneKeyConcurrently_When_ManyWorkersAndRequeues()
    {
        var reconciler = new ScriptedReconciler((_, n) => n < 20 ? new ReconcileResult(Requeue: true) : ReconcileResult.Done);
        var widgets = InformerOf(Widget.Create("a"));
        var controller = new ControllerBuilder("widgets", reconciler).For(widgets).WithWorkers(4)
            .WithRateLimiter(new ItemExponentialFailureRateLimiter<ObjectKey>(TimeSpan.Zero, TimeSpan.Zero)).Build();

        await RunUntil(new ControllerManager().AddInformer(widgets).AddController(controller), () =>
        {
            controller.Queue.Add(new ObjectKey("demo", "a"));
            return reconciler.Calls.Count >= 20;
        });

        Assert.Equal(0, reconciler.Overlaps);
    }

    [Fact]
    public async Task Builder_Should_EnqueueControllerOwnerAndMappedKeys_When_OwnsAndWatchesUsed()
    {
        var reconciler = new ScriptedReconciler((_, _) => ReconcileResult.Done);
        var owned = Widget.Create("owned-pod");
        owned.Metadata.OwnerReferences =
        [
            new V1OwnerReference { ApiVersion = "example.com/v1", Kind = "Widget", Name = "parent", Uid = "u1", Controller = true },
            new V1OwnerReference { ApiVersion = "example.com/v1", Kind = "Widget", Name = "not-controller", Uid = "u2" },
            new V1OwnerReference { ApiVersion = "other.com/v1", Kind = "Widget", Name = "other-group", Uid = "u3", Controller = true },
        ];
        var profile = Widget.Create("hd-profile");
        var forInformer = InformerOf();
        var ownsInformer = InformerOf(owned);
        var watchesInformer = InformerOf(profile);
        var controller = new ControllerBuilder("widgets", reconciler)
            .For(forInformer)
            .Owns(ownsInformer)
            .Watches(watchesInformer, p => [new ObjectKey("demo", "stream-1"), new ObjectKey("demo", "stream-2")])
            .Build();

        await RunUntil(
            new ControllerManager().AddInformer(forInformer).AddInformer(ownsInformer).AddInformer(watchesInformer).AddController(controller),
            () => reconciler.Calls.Count >= 3);

        Assert.Equal(["demo/parent", "demo/stream-1", "demo/stream-2"], reconciler.Calls.Select(k => k.ToString()).Order());
    }
}
