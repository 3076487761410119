using System.Text.Json;
using Ladder.Runner.Tests.EndToEnd;
using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.Browser;

/// <summary>Debian's Chromium, headless and driven by playwright-core (node), plays the runner's own player page.</summary>
[Collection(RtmpRunnerCollection.Name)]
public sealed class BrowserPlaybackTests(RtmpRunnerFixture fixture)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task HlsJs_Should_PlayTenSecondsAndKeepPlaying_When_LevelSwitched()
    {
        var result = await PlayAsync("hls");

        var samples = result.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("currentTime").GetDouble()).ToList();
        AssertAdvancing(samples, result);
        var switchedTo = result.GetProperty("switchedTo").GetInt32();
        var afterSwitch = result.GetProperty("samples").EnumerateArray().Skip(samples.Count / 2 + 2).ToList();
        Assert.Contains(afterSwitch, s => s.GetProperty("level").GetInt32() == switchedTo);
        AssertAdvancing([.. afterSwitch.Select(s => s.GetProperty("currentTime").GetDouble())], result);
    }

    [Fact]
    public async Task DashJs_Should_PlayTenSeconds()
    {
        var result = await PlayAsync("dash");

        AssertAdvancing([.. result.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("currentTime").GetDouble())], result);
    }

    private static void AssertAdvancing(List<double> times, JsonElement result)
    {
        Assert.True(times.Count >= 3, $"too few samples: {result.GetRawText()}");
        Assert.True(times[^1] - times[0] >= (times.Count - 1) * 0.8, $"the playhead did not advance with the clock: {string.Join(", ", times)}");
        Assert.True(times.Zip(times.Skip(1)).All(p => p.Second > p.First), $"the playhead stalled: {string.Join(", ", times)}");
    }

    private async Task<JsonElement> PlayAsync(string mode)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run `bash hack/install-deps.sh` (it installs Debian's chromium)");
        var playwright = Path.Combine(RepoPaths.NodeModules, "playwright-core");
        Assert.True(Directory.Exists(playwright), $"{playwright} is missing: run `bash hack/install-deps.sh` (it installs playwright-core into .tools/)");
        var script = Path.Combine(AppContext.BaseDirectory, "Browser", "play.cjs");
        var output = await ExternalProcess.RunAsync(TimeSpan.FromSeconds(90), "node", script, playwright, Chromium, fixture.Runner.BaseAddress.ToString(), mode, "11");
        var json = output.Split('\n').Last(l => l.StartsWith('{'));
        var result = JsonDocument.Parse(json).RootElement.Clone();
        Assert.True(result.GetProperty("supported").GetBoolean(), "this Chromium cannot play H.264/AAC through Media Source Extensions (MediaSource.isTypeSupported('video/mp4; codecs=\"avc1.64001e,mp4a.40.2\"') is false)");
        Assert.Empty(result.GetProperty("errors").EnumerateArray());
        Assert.Empty(result.GetProperty("pageErrors").EnumerateArray());
        return result;
    }
}
