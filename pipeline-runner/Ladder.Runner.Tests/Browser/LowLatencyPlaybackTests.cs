using System.Globalization;
using System.Text.Json;
using Ladder.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Ladder.Runner.Tests.Browser;

/// <summary>
/// Headless Chromium plays the runner's low-latency output (2 s segments, 0.5 s parts/chunks): Low-Latency HLS with
/// hls.js and low-latency DASH with dash.js, each in its low-latency mode, which the player page takes from what the
/// playlist (parts) or the MPD (<c>availabilityTimeComplete="false"</c>) advertises. The player's live latency
/// (hls.js <c>hls.latency</c>, dash.js <c>getCurrentLiveLatency()</c>) and the stalls (<c>waiting</c> events) go to the
/// test output. Playback lasts 20 s; <c>LADDER_PLAYBACK_SECONDS</c> sets another duration (e.g. 60 for a soak run).
/// </summary>
public sealed class LowLatencyPlaybackTests(ITestOutputHelper output)
{
    private static int Seconds => int.TryParse(Environment.GetEnvironmentVariable("LADDER_PLAYBACK_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 20;

    [Fact]
    public async Task HlsJs_Should_PlayInLowLatencyMode_When_TheRunnerPublishesParts()
    {
        var (result, _) = await PlayAsync("{ segmentDuration: 2s, window: 10, lowLatency: { enabled: true, partTargetDuration: 500ms } }", "{ enabled: true }", "hls-ll");

        Assert.True(result.GetProperty("lowLatency").GetBoolean(), "the player page did not take low-latency mode from the playlist's parts");
    }

    [Fact]
    public async Task DashJs_Should_PlayInLowLatencyMode_When_TheMpdAnnouncesChunks()
    {
        var (result, latencies) = await PlayAsync("{ segmentDuration: 2s, window: 10 }", "{ enabled: true, lowLatency: { enabled: true, targetLatency: 3s } }", "dash-ll");

        Assert.True(result.GetProperty("lowLatency").GetBoolean(), "the player page did not take low-latency mode from the MPD");
        // A classic live MPD keeps a player 6 s (suggestedPresentationDelay) behind; the 3 s target holds only when the
        // segment in progress streams chunk by chunk.
        Assert.InRange(latencies[latencies.Count / 2], 1, 5);
    }

    /// <summary>Runs a runner with the given outputs on a looping RTMP push, plays it, reports latency and stalls, and checks the playhead advanced.</summary>
    /// <returns>play.cjs's result and the live latencies reported, in seconds, sorted.</returns>
    private async Task<(JsonElement Result, List<double> Latencies)> PlayAsync(string hls, string dash, string mode)
    {
        var url = $"rtmp://127.0.0.1:{FreePort.Tcp()}/live/ll";
        await using var runner = await RunnerProcess.StartAsync([$"{{ name: main, url: \"{url}\", mode: listen }}"], "{ inputTimeout: 2s }", hls: hls, dash: dash);
        using var pusher = Pusher.Rtmp(url, seconds: null);
        await runner.WaitForSegmentsAsync(3, TimeSpan.FromSeconds(60));

        var result = await BrowserPlayback.PlayAsync(runner.BaseAddress, mode, Seconds);

        var samples = result.GetProperty("samples").EnumerateArray().ToList();
        var latencies = samples.Select(s => s.GetProperty("latency")).Where(l => l.ValueKind == JsonValueKind.Number && l.GetDouble() > 0).Select(l => l.GetDouble()).Order().ToList();
        output.WriteLine($"{mode}: {Seconds} s played, {result.GetProperty("stalls").GetInt32()} stalls (waiting events); live latency over {latencies.Count} samples: " +
            (latencies.Count == 0 ? "none reported" : string.Create(CultureInfo.InvariantCulture,
                $"median {latencies[latencies.Count / 2]:0.00} s, p95 {latencies[(int)Math.Ceiling(latencies.Count * 0.95) - 1]:0.00} s, min {latencies[0]:0.00} s, max {latencies[^1]:0.00} s")));
        output.WriteLine("samples (playhead s / latency s): " + string.Join(", ", samples.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.GetProperty("currentTime").GetDouble():0.0}/{(s.GetProperty("latency").ValueKind == JsonValueKind.Number ? s.GetProperty("latency").GetDouble() : double.NaN):0.00}"))));
        BrowserPlayback.AssertAdvancing([.. samples.Select(s => s.GetProperty("currentTime").GetDouble())], result);
        Assert.NotEmpty(latencies);
        return (result, latencies);
    }
}
