using System.Globalization;
using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.EndToEnd;

/// <summary>Checks a runner's published ladder with ffprobe: what a player relies on.</summary>
internal static class LadderProbe
{
    private const double FrameSeconds = 1.0 / 24; // the clip is 24 fps and the tiny ladder keeps the source rate

    /// <summary>
    /// The master playlist lists every rendition with audio; in every rendition each segment starts with an IDR and
    /// lasts the target within one frame (<paramref name="skipLast"/>: except the newest, cut short when the input ended);
    /// segment boundaries are identical across renditions; the audio rendition's segments hold AAC.
    /// </summary>
    public static async Task AssertLadderAsync(RunnerProcess runner, bool skipLast = false)
    {
        var master = await runner.Http.GetStringAsync("/hls/master.m3u8");
        var variants = master.Split('\n').Where(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal)).ToList();
        Assert.Equal(RunnerProcess.Renditions.Length, variants.Count);
        foreach (var rendition in RunnerProcess.Renditions)
        {
            Assert.Contains($"\n{rendition}/playlist.m3u8", master, StringComparison.Ordinal);
        }
        Assert.All(variants, v => Assert.Contains("AUDIO=\"", v, StringComparison.Ordinal));
        Assert.All(variants, v => Assert.Contains("mp4a.40.2", v, StringComparison.Ordinal));
        Assert.Contains("#EXT-X-MEDIA:TYPE=AUDIO", master, StringComparison.Ordinal);

        var dir = Directory.CreateTempSubdirectory("ladder-probe-").FullName;
        try
        {
            var starts = new Dictionary<string, Dictionary<string, double>>();
            foreach (var rendition in RunnerProcess.Renditions)
            {
                var (init, segments) = await ReadPlaylistAsync(runner, rendition);
                Assert.True(segments.Count >= 2, $"{rendition}: only {segments.Count} segments listed");
                starts[rendition] = [];
                for (var i = 0; i < segments.Count; i++)
                {
                    var (name, extinf) = segments[i];
                    var packets = await ProbeAsync(runner, dir, rendition, init, name, "v:0");
                    Assert.True(packets.Count > 0, $"{rendition}/{name}: no video packet");
                    Assert.True(packets[0].Key, $"{rendition}/{name}: the first packet is not a keyframe (IDR)");
                    if (!(skipLast && i == segments.Count - 1))
                    {
                        Assert.True(Math.Abs(extinf - RunnerProcess.SegmentSeconds) <= FrameSeconds + 1e-3, $"{rendition}/{name}: EXTINF {extinf} s is not within one frame of {RunnerProcess.SegmentSeconds} s");
                        var measured = packets.Count * FrameSeconds;
                        Assert.True(Math.Abs(measured - RunnerProcess.SegmentSeconds) <= FrameSeconds + 1e-3, $"{rendition}/{name}: {packets.Count} frames ({measured:F3} s) is not within one frame of {RunnerProcess.SegmentSeconds} s");
                    }
                    starts[rendition][name] = packets.Min(p => p.Pts);
                }
            }
            var common = starts.Values.Select(s => (IEnumerable<string>)s.Keys).Aggregate((a, b) => a.Intersect(b, StringComparer.Ordinal)).ToList();
            Assert.True(common.Count >= 2, "the renditions share fewer than 2 segments");
            foreach (var name in common)
            {
                var times = starts.Values.Select(s => s[name]).ToList();
                Assert.True(times.Max() - times.Min() < 1e-3, $"segment {name} starts at {string.Join(", ", times)} in {string.Join(", ", starts.Keys)}: boundaries differ");
            }

            var (audioInit, audioSegments) = await ReadPlaylistAsync(runner, "audio");
            var audio = await ProbeAsync(runner, dir, "audio", audioInit, audioSegments[0].Name, "a:0");
            Assert.NotEmpty(audio);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(string Init, List<(string Name, double Extinf)> Segments)> ReadPlaylistAsync(RunnerProcess runner, string track)
    {
        var playlist = await runner.Http.GetStringAsync($"/hls/{track}/playlist.m3u8");
        var lines = playlist.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var init = lines.Single(l => l.StartsWith("#EXT-X-MAP:", StringComparison.Ordinal)).Split('"')[1];
        var segments = new List<(string, double)>();
        for (var i = 0; i < lines.Length - 1; i++)
        {
            if (lines[i].StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                segments.Add((lines[i + 1], double.Parse(lines[i]["#EXTINF:".Length..].TrimEnd(','), CultureInfo.InvariantCulture)));
            }
        }
        return (init, segments);
    }

    /// <summary>ffprobe's packets (pts, keyframe flag) of one segment, read with its init segment in front.</summary>
    private static async Task<List<(double Pts, bool Key)>> ProbeAsync(RunnerProcess runner, string dir, string track, string init, string segment, string stream)
    {
        var file = Path.Combine(dir, $"{track}-{segment}.mp4");
        await File.WriteAllBytesAsync(file, [.. await runner.Http.GetByteArrayAsync($"/hls/{track}/{init}"), .. await runner.Http.GetByteArrayAsync($"/hls/{track}/{segment}")]);
        var csv = await ExternalProcess.RunAsync(TimeSpan.FromSeconds(30), "ffprobe", "-v", "error", "-select_streams", stream, "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", file);
        return [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(','))
            .Select(f => (double.Parse(f[0], CultureInfo.InvariantCulture), f[1].Contains('K', StringComparison.Ordinal)))];
    }
}
