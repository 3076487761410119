using System.Globalization;
using System.Text.Json;
using Ladder.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Ladder.Runner.Tests.Browser;

/// <summary>
/// Headless Chromium plays the runner's Low-Latency HLS (2 s segments, 0.5 s parts) with hls.js in low-latency mode:
/// the player page takes it because the media playlist advertises parts. The live edge distance hls.js reports
/// (<c>hls.latency</c>) is written to the test output.
/// </summary>
public sealed class LowLatencyPlaybackTests(ITestOutputHelper output)
{
    [Fact]
    public async Task HlsJs_Should_PlayTwentySecondsInLowLatencyMode_When_TheRunnerPublishesParts()
    {
        var url = $"rtmp://127.0.0.1:{FreePort.Tcp()}/live/ll";
        await using var runner = await RunnerProcess.StartAsync(
            [$"{{ name: main, url: \"{url}\", mode: listen }}"], "{ inputTimeout: 2s }",
            hls: "{ segmentDuration: 2s, window: 10, lowLatency: { enabled: true, partTargetDuration: 500ms } }");
        using var pusher = Pusher.Rtmp(url, seconds: null);
        await runner.WaitForSegmentsAsync(3, TimeSpan.FromSeconds(60));

        var result = await BrowserPlayback.PlayAsync(runner.BaseAddress, "hls-ll", 20);

        var samples = result.GetProperty("samples").EnumerateArray().ToList();
        var latencies = samples.Select(s => s.GetProperty("latency")).Where(l => l.ValueKind == JsonValueKind.Number).Select(l => l.GetDouble()).Order().ToList();
        output.WriteLine($"hls.js live edge distance (hls.latency) over {samples.Count} samples: " +
            (latencies.Count == 0 ? "none reported" : string.Create(CultureInfo.InvariantCulture, $"median {latencies[latencies.Count / 2]:0.00} s, min {latencies[0]:0.00} s, max {latencies[^1]:0.00} s")));
        output.WriteLine("samples (playhead s / latency s): " + string.Join(", ", samples.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.GetProperty("currentTime").GetDouble():0.0}/{(s.GetProperty("latency").ValueKind == JsonValueKind.Number ? s.GetProperty("latency").GetDouble() : double.NaN):0.00}"))));
        Assert.True(result.GetProperty("lowLatency").GetBoolean(), "the player page did not take low-latency mode from the playlist's parts");
        BrowserPlayback.AssertAdvancing([.. samples.Select(s => s.GetProperty("currentTime").GetDouble())], result);
        Assert.NotEmpty(latencies);
    }
}
