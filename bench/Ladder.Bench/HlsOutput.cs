using System.Globalization;
using System.Text.Json;

namespace Ladder.Bench;

/// <summary>
/// An HLS output read back with ffprobe, to check that both sides made comparable streams: the four renditions, each
/// at its size, as long as the input (within 0.5 s) with its frames (within 3), at a bitrate between half its target
/// and its VBV maximum (plus 15 % for segment overhead and rounding); the audio as long as the input. HLS defects that
/// leave the cost comparable (a rung missing from the master playlist, a segment longer than
/// <c>EXT-X-TARGETDURATION</c>) are reported as warnings.
/// </summary>
/// <param name="Renditions">The video renditions found.</param>
/// <param name="AudioSeconds">The audio playlist's duration.</param>
/// <param name="Variants">Rungs whose playlist the master playlist lists.</param>
/// <param name="Problems">What makes the output not comparable; empty when it is.</param>
/// <param name="Warnings">HLS defects that do not change what was encoded.</param>
internal sealed record HlsOutput(IReadOnlyList<RenditionOutput> Renditions, double AudioSeconds, int Variants, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings)
{
    /// <summary>Frames encoded: the sum over the renditions.</summary>
    public long Frames => Renditions.Sum(r => r.Frames);

    /// <summary>Reads the output under <paramref name="root"/> (<c>master.m3u8</c> and one folder per rendition and <c>audio</c>).</summary>
    /// <param name="root">The HLS root.</param>
    /// <param name="input">The input's duration and frame rate.</param>
    public static HlsOutput Inspect(string root, InputMedia input)
    {
        var problems = new List<string>();
        var warnings = new List<string>();
        var master = Path.Combine(root, "master.m3u8");
        var listed = File.Exists(master) ? File.ReadAllLines(master) : [];
        var variants = BenchLadder.Rungs.Count(r => listed.Contains($"{r.Name}/playlist.m3u8"));
        if (variants != BenchLadder.Rungs.Count)
        {
            warnings.Add($"{master} lists {variants} of the {BenchLadder.Rungs.Count} rungs");
        }

        foreach (var track in BenchLadder.Rungs.Select(r => r.Name).Append("audio"))
        {
            if (LongestSegment(Path.Combine(root, track, "playlist.m3u8")) is { } longest && longest.Seconds > longest.Target + 0.5)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{track}: a {longest.Seconds:0.###} s segment in a playlist whose EXT-X-TARGETDURATION is {longest.Target}"));
            }
        }

        var renditions = new List<RenditionOutput>();
        foreach (var rung in BenchLadder.Rungs)
        {
            var folder = Path.Combine(root, rung.Name);
            var probe = Probe(Path.Combine(folder, "playlist.m3u8"), "v:0");
            if (probe is null)
            {
                problems.Add($"{rung.Name}: no readable playlist in {folder}");
                continue;
            }

            var (width, height, frames, seconds) = probe.Value;
            var bytes = Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".m4s", StringComparison.Ordinal) || f.EndsWith(".mp4", StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length);
            var rendition = new RenditionOutput(rung.Name, width, height, frames, seconds, seconds > 0 ? bytes * 8 / seconds / 1000 : 0);
            renditions.Add(rendition);
            if ((width, height) != (rung.Width, rung.Height))
            {
                problems.Add($"{rung.Name}: {width}x{height}, expected {rung.Width}x{rung.Height}");
            }

            if (Math.Abs(seconds - input.Seconds) > 0.5)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{rung.Name}: {seconds:0.00} s, expected {input.Seconds:0.00} s"));
            }

            var expectedFrames = Math.Round(input.Seconds * input.FrameRate);
            if (Math.Abs(frames - expectedFrames) > 3)
            {
                problems.Add($"{rung.Name}: {frames} frames, expected {expectedFrames}");
            }

            if (rendition.Kbps < rung.Kbps * 0.5 || rendition.Kbps > rung.MaxKbps * 1.15)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{rung.Name}: {rendition.Kbps:0} kbit/s, expected {rung.Kbps * 0.5:0} to {rung.MaxKbps * 1.15:0}"));
            }
        }

        var audio = Probe(Path.Combine(root, "audio", "playlist.m3u8"), "a:0");
        var audioSeconds = audio?.Seconds ?? 0;
        if (Math.Abs(audioSeconds - input.Seconds) > 0.5)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"audio: {audioSeconds:0.00} s, expected {input.Seconds:0.00} s"));
        }

        return new HlsOutput(renditions, audioSeconds, variants, problems, warnings);
    }

    /// <summary>The longest <c>EXTINF</c> of a media playlist and its <c>EXT-X-TARGETDURATION</c>.</summary>
    private static (double Seconds, int Target)? LongestSegment(string playlist)
    {
        if (!File.Exists(playlist))
        {
            return null;
        }

        var lines = File.ReadAllLines(playlist);
        var target = lines.Where(l => l.StartsWith("#EXT-X-TARGETDURATION:", StringComparison.Ordinal)).Select(l => int.Parse(l[22..], CultureInfo.InvariantCulture)).FirstOrDefault();
        var longest = lines.Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal)).Select(l => double.Parse(l[8..].Split(',')[0], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        return (longest, target);
    }

    private static (int Width, int Height, long Frames, double Seconds)? Probe(string playlist, string stream)
    {
        if (!File.Exists(playlist))
        {
            return null;
        }

        var json = Tools.Capture("ffprobe", ["-v", "error", "-count_packets", "-select_streams", stream, "-show_entries", "stream=width,height,nb_read_packets:format=duration", "-of", "json", playlist]);
        using var doc = JsonDocument.Parse(json);
        var streams = doc.RootElement.GetProperty("streams");
        if (streams.GetArrayLength() == 0)
        {
            return null;
        }

        var first = streams[0];
        return (
            first.TryGetProperty("width", out var w) ? w.GetInt32() : 0,
            first.TryGetProperty("height", out var h) ? h.GetInt32() : 0,
            long.Parse(first.GetProperty("nb_read_packets").GetString()!, CultureInfo.InvariantCulture),
            double.Parse(doc.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture));
    }
}
