using Ladder.ControllerRuntime.Queue;

namespace Ladder.ControllerRuntime.Tests.Queue;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Add_Should_CollapseDuplicates_When_ItemAlreadyWaiting()
    {
        var queue = new WorkQueue<string>("q");
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Count);
        Assert.Equal(("a", false), await queue.GetAsync());
        Assert.Equal(("b", false), await queue.GetAsync());
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Done_Should_RequeueItem_When_AddedWhileProcessing()
    {
        var queue = new WorkQueue<string>("q");
        queue.Add("a");
        var (item, _) = await queue.GetAsync();
        queue.Add("a");
        queue.Add("a");

        Assert.Equal(0, queue.Count);
        queue.Done(item);
        Assert.Equal(1, queue.Count);
        Assert.Equal(("a", false), await queue.GetAsync());
    }

    [Fact]
    public async Task Done_Should_NotRequeue_When_NotAddedWhileProcessing()
    {
        var queue = new WorkQueue<string>("q");
        queue.Add("a");
        var (item, _) = await queue.GetAsync();
        queue.Done(item);

        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task GetAsync_Should_WaitForAdd_When_Empty()
    {
        var queue = new WorkQueue<string>("q");
        var pending = queue.GetAsync().AsTask();
        Assert.False(pending.IsCompleted);

        queue.Add("x");

        Assert.Equal(("x", false), await pending.WaitAsync(Timeout));
    }

    [Fact]
    public async Task GetAsync_Should_NotLoseItem_When_AWaiterWasCancelled()
    {
        var queue = new WorkQueue<string>("q");
        using var cts = new CancellationTokenSource();
        var cancelled = queue.GetAsync(cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        queue.Add("x");

        Assert.Equal(("x", false), await queue.GetAsync().AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task ShutDown_Should_ReleaseWaitersAndIgnoreAdds_When_Called()
    {
        var queue = new WorkQueue<string>("q");
        var pending = queue.GetAsync().AsTask();

        queue.ShutDown();
        queue.Add("late");

        Assert.True((await pending.WaitAsync(Timeout)).Shutdown);
        Assert.True((await queue.GetAsync()).Shutdown);
        Assert.True(queue.IsShuttingDown);
    }

    [Fact]
    public async Task ShutDown_Should_StillHandOutQueuedItems_When_ItemsWereWaiting()
    {
        var queue = new WorkQueue<string>("q");
        queue.Add("a");
        queue.ShutDown();

        Assert.Equal(("a", false), await queue.GetAsync());
        Assert.True((await queue.GetAsync()).Shutdown);
    }

    [Fact]
    public async Task ShutDownWithDrainAsync_Should_WaitForProcessingItems_When_SomeAreInFlight()
    {
        var queue = new WorkQueue<string>("q");
        queue.Add("a");
        var (item, _) = await queue.GetAsync();

        var drain = queue.ShutDownWithDrainAsync();
        Assert.False(drain.IsCompleted);

        queue.Done(item);
        await drain.WaitAsync(Timeout);
    }

    [Fact]
    public async Task ShutDownWithDrainAsync_Should_CompleteAtOnce_When_NothingInFlight()
    {
        var queue = new WorkQueue<string>("q");
        await queue.ShutDownWithDrainAsync().WaitAsync(Timeout);
        Assert.True(queue.IsShuttingDown);
    }

    [Fact]
    public async Task GetAsync_Should_NeverHandOutOneItemTwice_When_ManyWorkersAndAdds()
    {
        var queue = new WorkQueue<int>("q");
        var running = new int[5];
        var violations = 0;
        var processed = 0;
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var (item, shutdown) = await queue.GetAsync();
                if (shutdown)
                {
                    return;
                }

                if (Interlocked.Increment(ref running[item]) > 1)
                {
                    Interlocked.Increment(ref violations);
                }

                await Task.Yield();
                Interlocked.Decrement(ref running[item]);
                Interlocked.Increment(ref processed);
                queue.Done(item);
            }
        })).ToArray();

        for (var i = 0; i < 2000; i++)
        {
            queue.Add(i % 5);
            if (i % 50 == 0)
            {
                await Task.Yield();
            }
        }

        await queue.ShutDownWithDrainAsync().WaitAsync(Timeout);
        await Task.WhenAll(workers).WaitAsync(Timeout);
        Assert.Equal(0, violations);
        Assert.True(processed >= 5);
    }
}
