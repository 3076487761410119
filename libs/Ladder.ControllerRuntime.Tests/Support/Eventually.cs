namespace Ladder.ControllerRuntime.Tests.Support;

/// <summary>Polls a condition that background work (HTTP to an in-process server) makes true; no fixed sleeps.</summary>
internal static class Eventually
{
    public static async Task WaitUntil(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        for (var waited = 0; waited < timeoutMs && !condition(); waited += 5)
        {
            await Task.Delay(5);
        }

        Assert.True(condition(), $"not reached within {timeoutMs} ms: {what}");
    }
}
