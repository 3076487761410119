using System.Net;
using System.Net.Sockets;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Pipeline.Push;

namespace Ladder.Pipeline.Tests.Push;

/// <summary>Push targets and settings for the unit tests: short timeouts and backoff so failures show within a second or two.</summary>
internal static class PushTargets
{
    public static PushSettings Fast { get; } = new()
    {
        OpenTimeout = TimeSpan.FromSeconds(2),
        WriteTimeout = TimeSpan.FromSeconds(1),
        BackoffInitial = TimeSpan.FromMilliseconds(200),
        BackoffMax = TimeSpan.FromSeconds(1),
        QueueCapacity = 256,
    };

    /// <summary>An RTMP target on a port nobody listens on (connection refused), with <paramref name="key"/> appended.</summary>
    public static PipelinePushTarget Refused(string name, string rendition, string key = "k") =>
        new(name, PushProtocol.Rtmp, $"rtmp://127.0.0.1:{ClosedPort()}/live/{key}", rendition, ValueMap.Empty) { StreamKey = key };

    /// <summary>A port that was free a moment ago and has no listener.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="describe"/> when it never does.</summary>
    public static void WaitFor(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out after {timeout.TotalSeconds} s: {describe()}");
            Thread.Sleep(50);
        }
    }
}
