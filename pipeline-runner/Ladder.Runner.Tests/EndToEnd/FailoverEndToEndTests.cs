using System.Globalization;
using System.Text.Json;
using Ladder.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Ladder.Runner.Tests.EndToEnd;

/// <summary>
/// The built runner with two listening inputs, ffmpeg pushing the real clip to both (SRT primary, RTMP backup): the
/// primary pusher is killed and restarted; the HLS output continues as one stream and stays valid.
/// </summary>
public sealed class FailoverEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Hls_Should_ContinueOnTheBackup_When_ThePrimaryStops_And_FailBackWhenItReturns()
    {
        var srtPort = FreePort.Udp();
        var rtmpUrl = $"rtmp://127.0.0.1:{FreePort.Tcp()}/live/backup";
        await using var runner = await RunnerProcess.StartAsync(
            [$"{{ name: primary, url: \"srt://127.0.0.1:{srtPort}\", mode: listen }}", $"{{ name: backup, url: \"{rtmpUrl}\", mode: listen }}"],
            "{ inputTimeout: 2s, failbackDelay: 4s }"); // 2 s: a pusher starved of CPU by parallel tests must not look lost
        using var backup = Pusher.Rtmp(rtmpUrl, seconds: null);
        var primary = Pusher.MpegTs($"srt://127.0.0.1:{srtPort}?mode=caller&latency=200000", seconds: null);
        try
        {
            await runner.WaitForSegmentsAsync(2, Timeout);
            await WaitForStatusAsync(runner, s => ActiveInput(s) == "primary" && s.GetProperty("inputs").EnumerateArray().All(i => i.GetProperty("healthy").GetBoolean()), "both inputs healthy, primary active");
            var encoders = await EncoderIdsAsync(runner);
            var segments = await runner.SegmentsPublishedAsync("90p");
            var playing = PlayHlsAsync(runner, seconds: 20);
            await Task.Delay(TimeSpan.FromSeconds(10)); // hls.js is playing (it needs a few seconds to start) when the primary goes

            primary.Dispose();
            var status = await WaitForStatusAsync(runner, s => ActiveInput(s) == "backup" && Gap(s) is not null, "failover to the backup");
            var failover = status.GetProperty("recentFailovers")[0];
            Assert.True(failover.GetProperty("from").GetString() == "primary" && failover.GetProperty("reason").GetString() is "timeout" or "error", $"the failover was not away from the lost primary: {status.GetRawText()}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"failover gap (inputTimeout 2 s): {Gap(status) * 1000:0} ms of media"));

            await runner.WaitForSegmentsAsync(3, Timeout, after: segments);
            await LadderProbe.AssertLadderAsync(runner);
            await AssertOneStreamAsync(runner);
            Assert.True(encoders.SequenceEqual(await EncoderIdsAsync(runner)), $"an encoder restarted on failover: {(await runner.StatusAsync()).GetRawText()}");
            var played = await playing;
            Assert.Empty(played.GetProperty("errors").EnumerateArray());
            var times = played.GetProperty("samples").EnumerateArray().Select(x => x.GetProperty("currentTime").GetDouble()).ToList();
            output.WriteLine("hls.js playhead across the failover: " + string.Join(", ", times.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture))));
            Assert.True(times.Count >= 10 && times[^1] - times[0] >= (times.Count - 1) * 0.7, $"hls.js did not keep playing across the failover: {played.GetRawText()}");

            segments = await runner.SegmentsPublishedAsync("90p");
            primary = Pusher.MpegTs($"srt://127.0.0.1:{srtPort}?mode=caller&latency=200000", seconds: null);
            status = await WaitForStatusAsync(runner, s => ActiveInput(s) == "primary", "failback to the primary");
            Assert.True(status.GetProperty("recentFailovers")[0].GetProperty("reason").GetString() == "failback", $"the switch back to the primary was not a failback: {status.GetRawText()}");
            await runner.WaitForSegmentsAsync(2, Timeout, after: segments);
            await LadderProbe.AssertLadderAsync(runner);
            await AssertOneStreamAsync(runner);
            Assert.True(encoders.SequenceEqual(await EncoderIdsAsync(runner)), $"an encoder restarted on failback: {(await runner.StatusAsync()).GetRawText()}");
        }
        finally
        {
            primary.Dispose();
        }
    }

    /// <summary>Plays the runner's player page with hls.js in headless Chromium for <paramref name="seconds"/> (see Browser/play.cjs).</summary>
    private static async Task<JsonElement> PlayHlsAsync(RunnerProcess runner, int seconds)
    {
        const string chromium = "/usr/bin/chromium";
        var playwright = Path.Combine(RepoPaths.NodeModules, "playwright-core");
        Assert.True(File.Exists(chromium) && Directory.Exists(playwright), "Chromium or playwright-core is missing: run `bash hack/install-deps.sh`");
        var script = Path.Combine(AppContext.BaseDirectory, "Browser", "play.cjs");
        var text = await ExternalProcess.RunAsync(TimeSpan.FromSeconds(90), "node", script, playwright, chromium, runner.BaseAddress.ToString(), "hls", seconds.ToString(CultureInfo.InvariantCulture));
        return JsonDocument.Parse(text.Split('\n').Last(l => l.StartsWith('{'))).RootElement.Clone();
    }

    private static double? Gap(JsonElement status) =>
        status.GetProperty("pipeline").GetProperty("switches") is { ValueKind: JsonValueKind.Array } switches && switches.GetArrayLength() > 0
        && switches[0].GetProperty("mediaGapSeconds") is { ValueKind: JsonValueKind.Number } gap ? gap.GetDouble() : null;

    private static async Task<List<string>> EncoderIdsAsync(RunnerProcess runner) =>
        [.. (await runner.StatusAsync()).GetProperty("pipeline").GetProperty("stages").EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() is "encode" or "audio").Select(s => s.GetProperty("instanceId").GetString()!)];

    /// <summary>No rendition playlist carries an <c>EXT-X-DISCONTINUITY</c>: the switch stayed inside one continuous stream.</summary>
    private static async Task AssertOneStreamAsync(RunnerProcess runner)
    {
        foreach (var rendition in RunnerProcess.Renditions.Append("audio"))
        {
            var playlist = await runner.Http.GetStringAsync($"/hls/{rendition}/playlist.m3u8");
            Assert.False(playlist.Split('\n').Any(l => l.Trim() == "#EXT-X-DISCONTINUITY"), $"{rendition} has a discontinuity:\n{playlist}");
        }
    }

    private static async Task<JsonElement> WaitForStatusAsync(RunnerProcess runner, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        JsonElement status;
        do
        {
            status = await runner.StatusAsync();
            if (condition(status))
            {
                return status;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"no {what} within {Timeout.TotalSeconds} s; status: {status.GetRawText()}\nrunner log:\n{runner.Process.Output}");
    }

    // The status leaves activeInput out while no input is active (between a loss and the switch).
    private static string? ActiveInput(JsonElement status) => status.TryGetProperty("activeInput", out var active) ? active.GetString() : null;
}
