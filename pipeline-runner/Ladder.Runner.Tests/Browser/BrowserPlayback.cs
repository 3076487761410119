using System.Text.Json;
using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.Browser;

/// <summary>Runs <c>play.cjs</c>: Debian's Chromium, headless and driven by playwright-core (node), on a runner's player page.</summary>
internal static class BrowserPlayback
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Plays the page at <paramref name="runner"/> and returns play.cjs's JSON, after checking MSE support and that no error was shown.</summary>
    /// <param name="runner">The runner's base address.</param>
    /// <param name="mode"><c>hls</c> (switches renditions half way), <c>hls-ll</c>, <c>dash</c> or <c>dash-ll</c>.</param>
    /// <param name="seconds">How long the playhead is sampled, once a second.</param>
    public static async Task<JsonElement> PlayAsync(Uri runner, string mode, int seconds)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run `bash hack/install-deps.sh` (it installs Debian's chromium)");
        var playwright = Path.Combine(RepoPaths.NodeModules, "playwright-core");
        Assert.True(Directory.Exists(playwright), $"{playwright} is missing: run `bash hack/install-deps.sh` (it installs playwright-core into .tools/)");
        var script = Path.Combine(AppContext.BaseDirectory, "Browser", "play.cjs");
        var output = await ExternalProcess.RunAsync(TimeSpan.FromSeconds(70 + (2 * seconds)), "node", script, playwright, Chromium, runner.ToString(), mode, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var json = output.Split('\n').Last(l => l.StartsWith('{'));
        var result = JsonDocument.Parse(json).RootElement.Clone();
        Assert.True(result.GetProperty("supported").GetBoolean(), "this Chromium cannot play H.264/AAC through Media Source Extensions (MediaSource.isTypeSupported('video/mp4; codecs=\"avc1.64001e,mp4a.40.2\"') is false)");
        Assert.Empty(result.GetProperty("errors").EnumerateArray());
        Assert.Empty(result.GetProperty("pageErrors").EnumerateArray());
        return result;
    }

    /// <summary>Asserts that the playhead samples (one a second) advance with the clock and never stall.</summary>
    public static void AssertAdvancing(List<double> times, JsonElement result)
    {
        Assert.True(times.Count >= 3, $"too few samples: {result.GetRawText()}");
        Assert.True(times[^1] - times[0] >= (times.Count - 1) * 0.8, $"the playhead did not advance with the clock: {string.Join(", ", times)}");
        Assert.True(times.Zip(times.Skip(1)).All(p => p.Second > p.First), $"the playhead stalled: {string.Join(", ", times)}");
    }
}
