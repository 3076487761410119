using Ladder.ControllerRuntime.Queue;
using Ladder.ControllerRuntime.Tests.Time;

namespace Ladder.ControllerRuntime.Tests.Queue;

public sealed class RateLimiterTests
{
    [Fact]
    public void ItemExponential_Should_DoubleFrom5msAndCapAt1000s_When_ItemKeepsFailing()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));

        var delays = Enumerable.Range(0, 20).Select(_ => limiter.When("a")).ToList();

        Assert.Equal(TimeSpan.FromMilliseconds(5), delays[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(10), delays[1]);
        Assert.Equal(TimeSpan.FromMilliseconds(20), delays[2]);
        Assert.Equal(TimeSpan.FromMilliseconds(5 * 65536), delays[16]);
        Assert.Equal(TimeSpan.FromSeconds(1000), delays[18]);
        Assert.Equal(TimeSpan.FromSeconds(1000), delays[19]);
        Assert.Equal(20, limiter.NumRequeues("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("b"));
    }

    [Fact]
    public void ItemExponential_Should_StartOver_When_Forgotten()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        limiter.When("a");
        limiter.When("a");

        limiter.Forget("a");

        Assert.Equal(0, limiter.NumRequeues("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
    }

    [Fact]
    public void Bucket_Should_AllowBurstThenSpaceAtQps_When_Drained()
    {
        var time = new FakeClock();
        var limiter = new BucketRateLimiter<string>(10, 100, time);

        var burst = Enumerable.Range(0, 100).Select(i => limiter.When("x" + i)).ToList();

        Assert.All(burst, d => Assert.Equal(TimeSpan.Zero, d));
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.When("y"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), limiter.When("z"));
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.FromMilliseconds(200), limiter.When("w"));
    }

    [Fact]
    public void Bucket_Should_RefillToBurstOnly_When_IdleLong()
    {
        var time = new FakeClock();
        var limiter = new BucketRateLimiter<string>(10, 2, time);
        limiter.When("a");
        limiter.When("a");
        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.Zero, limiter.When("a"));
        Assert.Equal(TimeSpan.Zero, limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.When("a"));
    }

    [Fact]
    public void DefaultController_Should_TakeTheLongerOfBackoffAndBucket_When_Combined()
    {
        var time = new FakeClock();
        var limiter = RateLimiters.DefaultController<string>(time);

        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), limiter.When("a"));
        for (var i = 0; i < 98; i++)
        {
            limiter.When("other" + i);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.When("b"));
        Assert.Equal(2, limiter.NumRequeues("a"));
        limiter.Forget("a");
        Assert.Equal(0, limiter.NumRequeues("a"));
    }
}
