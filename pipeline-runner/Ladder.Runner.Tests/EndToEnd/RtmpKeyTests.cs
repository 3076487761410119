using Ladder.Runner.Tests.Push;
using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.EndToEnd;

/// <summary>
/// The runner's RTMP listen input with its stream key from a Secret, against the real ffmpeg CLI: a wrong key is
/// refused and publishes nothing, the right key publishes, and no key (right or attempted) appears in the runner's log,
/// <c>/v1/status</c> or <c>/metrics</c>; and against nginx-rtmp relaying a stream, a second RTMP client implementation.
/// </summary>
public sealed class RtmpKeyTests
{
    private const string Key = "e2e-ingest-key-9d41c7";
    private const string WrongKey = "e2e-wrong-key-3b7a55";

    [Fact]
    public async Task Runner_Should_RefuseAWrongKeyAndShowNoKey_When_PublishersTryBothKeys()
    {
        var url = $"rtmp://127.0.0.1:{FreePort.Tcp()}/live";
        await using var runner = await RunnerProcess.StartAsync(
            [$"{{ name: main, url: \"{url}\", mode: listen, streamKey: {{ secretKeyRef: {{ name: ingest-key, key: streamKey }} }} }}"],
            "{ inputTimeout: 2s }",
            $$"""
            apiVersion: v1
            kind: Secret
            metadata: { name: ingest-key }
            stringData: { streamKey: "{{Key}}" }
            """);

        using (var intruder = Pusher.Rtmp($"{url}/{WrongKey}", seconds: 10))
        {
            await intruder.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.NotEqual(0, intruder.ExitCode);
            Assert.Contains("Server error: Wrong stream key.", intruder.Output, StringComparison.Ordinal);
        }

        var refused = await runner.WaitForIngestAsync(i => i.GetProperty("error").GetString()?.StartsWith("publisher refused: wrong stream key", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(10), "refused");
        Assert.Equal("starting", refused.GetProperty("state").GetString(), ignoreCase: true);
        Assert.Equal(0, await runner.SegmentsPublishedAsync("180p"));

        using var publisher = Pusher.Rtmp($"{url}/{Key}", seconds: null);
        await runner.WaitForSegmentsAsync(2, TimeSpan.FromSeconds(60));

        using var metrics = await runner.Http.GetAsync("/metrics");
        var shown = new Dictionary<string, string>
        {
            ["runner log"] = runner.Process.Output,
            ["/v1/status"] = await runner.Http.GetStringAsync("/v1/status"),
            ["/metrics"] = await metrics.Content.ReadAsStringAsync(),
        };
        Assert.Contains("publisher refused: wrong stream key", shown["runner log"], StringComparison.Ordinal);
        foreach (var (where, text) in shown)
        {
            Assert.False(text.Contains(Key, StringComparison.Ordinal), $"the stream key appears in the {where}");
            Assert.False(text.Contains(WrongKey, StringComparison.Ordinal), $"the attempted key appears in the {where}");
        }
    }

    [Fact]
    public async Task Runner_Should_PublishTheRelayedStream_When_NginxRtmpPushesItWithTheKey()
    {
        var url = $"rtmp://127.0.0.1:{FreePort.Tcp()}/live";
        await using var runner = await RunnerProcess.StartAsync($"{{ name: main, url: \"{url}/{Key}\", mode: listen }}");
        using var nginx = await NginxRtmpServer.StartAsync(relayTo: $"{url}/{Key}");
        using var publisher = Pusher.Rtmp($"rtmp://127.0.0.1:{nginx.Port}/live/camera", seconds: null);

        await runner.WaitForSegmentsAsync(2, TimeSpan.FromSeconds(60));

        Assert.Equal("main", (await runner.StatusAsync()).GetProperty("pipeline").GetProperty("activeInput").GetString());
    }
}
