using System.Globalization;
using System.Text;

namespace Ladder.Bench;

/// <summary>
/// The peer: one ffmpeg CLI process that decodes once, <c>split=4</c>, <c>scale</c>s each branch, encodes four libx264
/// outputs and the audio once, and writes fMP4 HLS with the <c>hls</c> muxer and <c>var_stream_map</c>, one folder per
/// rendition (<c>&lt;dir&gt;/&lt;rung&gt;/playlist.m3u8</c>, like Ladder's <c>hls/&lt;rung&gt;/</c>).
/// </summary>
internal static class FfmpegPeer
{
    /// <summary>The ffmpeg arguments for <paramref name="input"/>, writing under <paramref name="outputDirectory"/>.</summary>
    /// <param name="input">The input file.</param>
    /// <param name="outputDirectory">Where the HLS output goes.</param>
    /// <param name="frameRate">The input's frame rate: the GOP in frames is <see cref="BenchLadder.GopSeconds"/> times it, as Ladder computes it.</param>
    /// <param name="live">
    /// An <c>EVENT</c> playlist, rewritten after every segment as a live origin's is (the startup figure waits for its
    /// first <c>#EXTINF</c>), instead of a <c>VOD</c> playlist, which the hls muxer writes only at the end.
    /// </param>
    public static IReadOnlyList<string> Arguments(string input, string outputDirectory, double frameRate, bool live = false)
    {
        var rungs = BenchLadder.Rungs;
        var filter = new StringBuilder("[0:v]split=").Append(rungs.Count.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < rungs.Count; i++)
        {
            filter.Append(CultureInfo.InvariantCulture, $"[s{i}]");
        }

        for (var i = 0; i < rungs.Count; i++)
        {
            filter.Append(CultureInfo.InvariantCulture, $";[s{i}]scale={rungs[i].Width}:{rungs[i].Height}[v{i}]");
        }

        var args = new List<string> { "-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-i", input, "-filter_complex", filter.ToString() };
        for (var i = 0; i < rungs.Count; i++)
        {
            args.AddRange(["-map", $"[v{i}]"]);
        }

        args.AddRange(["-map", "0:a:0", "-c:v", "libx264", "-preset", BenchLadder.Preset, "-bf", Inv(BenchLadder.BFrames)]);
        args.AddRange(["-x264-params", X264Params(frameRate)]);
        for (var i = 0; i < rungs.Count; i++)
        {
            args.AddRange([$"-b:v:{i}", Rung.Cli(rungs[i].Kbps), $"-maxrate:v:{i}", Rung.Cli(rungs[i].MaxKbps), $"-bufsize:v:{i}", Rung.Cli(rungs[i].BufferKbit)]);
        }

        args.AddRange(["-c:a", "aac", "-b:a", Rung.Cli(BenchLadder.AudioKbps), "-ac", Inv(BenchLadder.AudioChannels), "-ar", Inv(BenchLadder.AudioSampleRate)]);
        var streams = string.Join(' ', rungs.Select((r, i) => $"v:{i},agroup:audio,name:{r.Name}").Append("a:0,agroup:audio,name:audio"));
        args.AddRange([
            "-f", "hls", "-hls_time", Inv(BenchLadder.GopSeconds), "-hls_playlist_type", live ? "event" : "vod", "-hls_list_size", "0",
            "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", "init.mp4",
            "-hls_segment_filename", Path.Combine(outputDirectory, "%v", "%d.m4s"),
            "-master_pl_name", "master.m3u8", "-var_stream_map", streams,
            Path.Combine(outputDirectory, "%v", "playlist.m3u8"),
        ]);
        return args;
    }

    /// <summary>
    /// The <c>x264-params</c> Ladder's <c>VideoEncoderFactory</c> sets: a GOP of <see cref="BenchLadder.GopSeconds"/>
    /// (<c>keyint = min-keyint</c>, in frames), no scene-cut keyframes, closed GOPs, a <see cref="BenchLadder.Lookahead"/>-frame rc-lookahead.
    /// </summary>
    /// <param name="frameRate">Frames per second.</param>
    public static string X264Params(double frameRate)
    {
        var gopFrames = "keyint=" + Inv((int)Math.Max(1, Math.Round(BenchLadder.GopSeconds * frameRate)));
        return $"{gopFrames}:min-{gopFrames}:scenecut=0:open-gop=0:rc-lookahead={Inv(BenchLadder.Lookahead)}";
    }

    /// <summary>The arguments as one shell-quoted command line, for the log.</summary>
    public static string Quote(string program, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { program }.Concat(arguments).Select(a => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_.,:/=%+@".Contains(c, StringComparison.Ordinal)) ? a : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);
}
