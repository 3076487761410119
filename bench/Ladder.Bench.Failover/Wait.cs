using System.Diagnostics;

namespace Ladder.Bench.Failover;

/// <summary>Bounded polling.</summary>
internal static class Wait
{
    /// <summary>Polls <paramref name="condition"/> every <paramref name="pollMs"/> ms; throws <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static void For(Func<bool> condition, TimeSpan timeout, string what, int pollMs = 10)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"no {what} within {timeout.TotalSeconds} s");
            }

            Thread.Sleep(pollMs);
        }
    }
}
