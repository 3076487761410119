using Ladder.ControllerRuntime.Queue;
using Ladder.ControllerRuntime.Tests.Time;

namespace Ladder.ControllerRuntime.Tests.Queue;

public sealed class RateLimitingQueueTests
{
    [Fact]
    public async Task AddAfter_Should_ReleaseItemsInReadyOrder_When_ClockAdvances()
    {
        var time = new FakeClock();
        using var queue = new RateLimitingQueue<string>("q", time: time);
        queue.AddAfter("late", TimeSpan.FromSeconds(3));
        queue.AddAfter("early", TimeSpan.FromSeconds(1));
        queue.AddAfter("middle", TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, queue.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Count);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("early", (await queue.GetAsync()).Item);
        Assert.Equal("middle", (await queue.GetAsync()).Item);
        Assert.Equal("late", (await queue.GetAsync()).Item);
    }

    [Fact]
    public void AddAfter_Should_KeepEarlierTime_When_ItemDelayedTwice()
    {
        var time = new FakeClock();
        using var queue = new RateLimitingQueue<string>("q", time: time);
        queue.AddAfter("a", TimeSpan.FromSeconds(1));
        queue.AddAfter("a", TimeSpan.FromSeconds(10));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        queue.AddAfter("b", TimeSpan.FromSeconds(10));
        queue.AddAfter("b", TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, queue.Count);
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public void AddAfter_Should_AddAtOnce_When_DelayNotPositive()
    {
        using var queue = new RateLimitingQueue<string>("q", time: new FakeClock());
        queue.AddAfter("a", TimeSpan.Zero);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task AddRateLimited_Should_BackOffExponentially_When_ItemFailsRepeatedly()
    {
        var time = new FakeClock();
        var limiter = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        using var queue = new RateLimitingQueue<string>("q", limiter, time);
        queue.AddRateLimited("b");
        time.Advance(TimeSpan.FromMilliseconds(5));
        var (item, _) = await queue.GetAsync();
        queue.Done(item);

        queue.AddRateLimited("b");
        time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Equal(0, queue.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal(2, queue.NumRequeues("b"));

        queue.Forget("b");
        Assert.Equal(0, queue.NumRequeues("b"));
    }

    [Fact]
    public void ShutDown_Should_DropDelayedItems_When_Called()
    {
        var time = new FakeClock();
        using var queue = new RateLimitingQueue<string>("q", time: time);
        queue.AddAfter("a", TimeSpan.FromSeconds(1));

        queue.ShutDown();
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(0, queue.Count);
    }
}
