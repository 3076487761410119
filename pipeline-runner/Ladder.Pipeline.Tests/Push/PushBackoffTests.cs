using Ladder.Pipeline.Push;

namespace Ladder.Pipeline.Tests.Push;

public sealed class PushBackoffTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Failed_Should_DoubleTheCeilingUpToTheCap_When_AttemptsKeepFailing()
    {
        var backoff = new PushBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), () => 0.999999);
        var now = T0;
        var waits = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            var wait = backoff.Failed(now);
            waits.Add(Math.Round(wait.TotalSeconds, 2));
            now += wait;
        }

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], waits);
    }

    [Fact]
    public void Failed_Should_WaitUniformlyBetweenZeroAndTheCeiling_When_JitterIsFull()
    {
        var random = new Random(42);
        var backoff = new PushBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), random.NextDouble);
        var zero = new PushBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), () => 0);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 200; i++)
        {
            var ceiling = backoff.Ceiling;
            var wait = backoff.Failed(T0);
            Assert.InRange(wait, TimeSpan.Zero, ceiling);
            Assert.InRange(wait, TimeSpan.Zero, TimeSpan.FromSeconds(30));
            waits.Add(wait);
        }

        Assert.Equal(TimeSpan.Zero, zero.Failed(T0));
        // Capped waits spread over [0, 30 s], not bunched at the cap.
        var capped = waits.Skip(10).ToList();
        Assert.Contains(capped, w => w < TimeSpan.FromSeconds(10));
        Assert.Contains(capped, w => w > TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Failed_Should_StartOverFromTheInitialCeiling_When_TheConnectionWasHealthyLongEnough()
    {
        var backoff = new PushBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), () => 0.999999);
        for (var i = 0; i < 5; i++)
        {
            backoff.Failed(T0);
        }
        Assert.Equal(TimeSpan.FromSeconds(30), backoff.Ceiling);

        backoff.Connected(T0);
        var afterShort = backoff.Failed(T0 + TimeSpan.FromSeconds(3));
        Assert.Equal(30, Math.Round(afterShort.TotalSeconds));

        backoff.Connected(T0 + TimeSpan.FromSeconds(100));
        var afterHealthy = backoff.Failed(T0 + TimeSpan.FromSeconds(111));
        Assert.Equal(1, Math.Round(afterHealthy.TotalSeconds));
        Assert.Equal(1, backoff.Failures);
    }
}
