using Ladder.Runner.Tests.EndToEnd;

namespace Ladder.Runner.Tests.Browser;

/// <summary>Debian's Chromium, headless and driven by playwright-core (node), plays the runner's own player page.</summary>
[Collection(RtmpRunnerCollection.Name)]
public sealed class BrowserPlaybackTests(RtmpRunnerFixture fixture)
{
    [Fact]
    public async Task HlsJs_Should_PlayTenSecondsAndKeepPlaying_When_LevelSwitched()
    {
        var result = await BrowserPlayback.PlayAsync(fixture.Runner.BaseAddress, "hls", 11);

        var samples = result.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("currentTime").GetDouble()).ToList();
        BrowserPlayback.AssertAdvancing(samples, result);
        var switchedTo = result.GetProperty("switchedTo").GetInt32();
        var afterSwitch = result.GetProperty("samples").EnumerateArray().Skip(samples.Count / 2 + 2).ToList();
        Assert.Contains(afterSwitch, s => s.GetProperty("level").GetInt32() == switchedTo);
        BrowserPlayback.AssertAdvancing([.. afterSwitch.Select(s => s.GetProperty("currentTime").GetDouble())], result);
    }

    [Fact]
    public async Task DashJs_Should_PlayTenSeconds()
    {
        var result = await BrowserPlayback.PlayAsync(fixture.Runner.BaseAddress, "dash", 11);

        BrowserPlayback.AssertAdvancing([.. result.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("currentTime").GetDouble())], result);
    }
}
