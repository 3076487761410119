using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.Push;

/// <summary>What a receiver of the push sees, by ffprobe.</summary>
internal static class PushProbe
{
    /// <summary>ffprobe's streams of <paramref name="source"/> (a live URL or a file) as <c>codec,width,height</c> lines.</summary>
    public static async Task<string[]> StreamsAsync(string source) =>
        (await ExternalProcess.RunAsync(TimeSpan.FromSeconds(30), "ffprobe", "-v", "error", "-rw_timeout", "10000000", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", source))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The source holds H.264 at 320x180 (the 180p rendition) and AAC.</summary>
    public static async Task AssertRendition180pWithAacAsync(string source)
    {
        var streams = await StreamsAsync(source);
        Assert.Contains("h264,320,180", streams);
        Assert.Contains(streams, s => s.StartsWith("aac", StringComparison.Ordinal));
    }
}
