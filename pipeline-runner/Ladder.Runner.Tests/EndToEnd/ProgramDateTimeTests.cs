using System.Globalization;
using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.EndToEnd;

/// <summary>
/// <c>EXT-X-PROGRAM-DATE-TIME</c> tells a player the wall-clock time of each segment's first frame (RFC 8216 section
/// 4.3.2.6); hls.js computes its latency and a DVR its seek times from it. It must be when the frame arrived, not when
/// the runner started waiting for an input.
/// </summary>
public sealed class ProgramDateTimeTests
{
    [Fact]
    public async Task ProgramDateTime_Should_BeWhenTheFirstFrameArrived_When_TheSenderConnectsLate()
    {
        var url = $"rtmp://127.0.0.1:{FreePort.Tcp()}/live/late";
        await using var runner = await RunnerProcess.StartAsync($"{{ name: main, url: \"{url}\", mode: listen }}");
        await Task.Delay(TimeSpan.FromSeconds(5));
        var pushed = DateTimeOffset.UtcNow;
        using var pusher = Pusher.Rtmp(url, seconds: null);
        await runner.WaitForSegmentsAsync(1, TimeSpan.FromSeconds(60));

        var playlist = await runner.Http.GetStringAsync("/hls/" + RunnerProcess.Renditions[0] + "/playlist.m3u8");
        var first = DateTimeOffset.Parse(playlist.Split('\n').First(l => l.StartsWith("#EXT-X-PROGRAM-DATE-TIME:", StringComparison.Ordinal))["#EXT-X-PROGRAM-DATE-TIME:".Length..], CultureInfo.InvariantCulture);

        // The sender started 5 s after the runner: a date from the runner's start would be about 5 s before it.
        Assert.InRange((first - pushed).TotalSeconds, -0.5, 15);
    }
}
