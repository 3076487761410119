using System.Globalization;
using System.Text.Json;
using Ladder.Runner.Tests.EndToEnd;
using Xunit.Abstractions;

namespace Ladder.Runner.Tests.Browser;

/// <summary>Debian's Chromium, headless and driven by playwright-core (node), plays the runner's own player page.</summary>
[Collection(RtmpRunnerCollection.Name)]
public sealed class BrowserPlaybackTests(RtmpRunnerFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task HlsJs_Should_PlayTenSecondsAndKeepPlaying_When_LevelSwitched()
    {
        var result = await BrowserPlayback.PlayAsync(fixture.Runner.BaseAddress, "hls", 11);

        var samples = result.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("currentTime").GetDouble()).ToList();
        var latencies = result.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("latency")).Where(l => l.ValueKind == JsonValueKind.Number).Select(l => l.GetDouble()).Order().ToList();
        output.WriteLine(latencies.Count == 0 ? "hls.latency: none reported" : string.Create(CultureInfo.InvariantCulture, $"classic HLS, hls.js live edge distance (hls.latency): median {latencies[latencies.Count / 2]:0.00} s, min {latencies[0]:0.00} s, max {latencies[^1]:0.00} s"));
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
