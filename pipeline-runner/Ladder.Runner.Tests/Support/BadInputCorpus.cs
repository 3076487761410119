using System.Globalization;

namespace Ladder.Runner.Tests.Support;

/// <summary>
/// The bad-input corpus: broken and unusual file inputs made from the clips in <c>../shared/media</c> by
/// <see cref="BadMedia"/> (truncations, corrupt bytes at several rates, PTS jumps, gaps and wraps, missing PTS,
/// codec, size, rate and layout changes mid-stream, odd formats and garbage). Each case is a name and the path of the
/// file it makes; <see cref="Fast"/> is the subset CI runs.
/// </summary>
internal static class BadInputCorpus
{
    private static readonly string Media = RepoPaths.Media;

    /// <summary>A few cases of each kind, for CI.</summary>
    public static readonly string[] Fast = ["truncated-ts-50pct", "corrupt-ts-1pct-seed1", "pts-jump-1h", "no-pts-video", "garbage-bytes"];

    /// <summary>Every case by name.</summary>
    public static IReadOnlyDictionary<string, Func<BadMedia, Task<string>>> Cases { get; } = Build();

    private static Dictionary<string, Func<BadMedia, Task<string>>> Build()
    {
        var cases = new Dictionary<string, Func<BadMedia, Task<string>>>(StringComparer.Ordinal);
        string[] formats = ["mpegts", "mp4", "flv", "matroska", "mov"];
        foreach (var format in formats)
        {
            foreach (var fraction in new[] { 0.1, 0.5, 0.9 })
            {
                cases[$"truncated-{Short(format)}-{fraction * 100:0}pct"] = async m => m.Truncate(await Clip(m, format), $"trunc-{format}-{fraction}.bin", fraction);
            }
        }
        foreach (var rate in new[] { 0.0001, 0.001, 0.01, 0.05 })
        {
            foreach (var seed in new[] { 1, 2, 3, 4, 5 })
            {
                cases[$"corrupt-ts-{Percent(rate)}-seed{seed}"] = async m => m.Corrupt(await Clip(m, "mpegts"), $"corrupt-ts-{rate}-{seed}.ts", rate, seed);
            }
        }
        foreach (var format in formats.Skip(1))
        {
            foreach (var rate in new[] { 0.001, 0.01 })
            {
                cases[$"corrupt-{Short(format)}-{Percent(rate)}"] = async m => m.Corrupt(await Clip(m, format), $"corrupt-{format}-{rate}.bin", rate, 7);
            }
        }
        cases["pts-jump-1h"] = async m => m.Concat("jump-1h.ts", await m.ClipAsync("j1a.ts", 4), await m.ClipAsync("j1b.ts", 6, extra: ["-output_ts_offset", "3600"]));
        cases["pts-gap-10s"] = m => m.ClipAsync("gap10.ts", 10, filters: "setpts=PTS+10*gte(T\\,4)/TB", audioFilters: "asetpts=PTS+10*gte(T\\,4)/TB");
        cases["pts-gap-3s"] = m => m.ClipAsync("gap3.ts", 10, filters: "setpts=PTS+3*gte(T\\,4)/TB", audioFilters: "asetpts=PTS+3*gte(T\\,4)/TB");
        cases["pts-back-5s"] = async m => m.Concat("back.ts", await m.ClipAsync("b1.ts", 5, extra: ["-output_ts_offset", "20"]), await m.ClipAsync("b2.ts", 5, extra: ["-output_ts_offset", "15"]));
        cases["pts-wrap-33bit"] = m => m.ClipAsync("wrap.ts", 10, extra: ["-output_ts_offset", "95440"]);
        cases["pts-jumps-4s-every-second"] = m => m.ClipAsync("jumps.ts", 10, filters: "setpts=PTS+4*floor(T)/TB", audioFilters: "asetpts=PTS+4*floor(T)/TB");
        cases["audio-10s-ahead"] = m => m.ClipAsync("ahead.ts", 10, audioFilters: "asetpts=PTS+10/TB");
        cases["video-10s-ahead"] = m => m.ClipAsync("vahead.ts", 10, filters: "setpts=PTS+10/TB");
        cases["no-pts-video"] = async m => m.StripVideoPts(await Clip(m, "mpegts"), "nopts.ts");
        cases["raw-annex-b-h264"] = async m => await m.FfmpegAsync("raw.h264", "-i", await Clip(m, "mpegts"), "-c:v", "copy", "-an", "-bsf:v", "h264_mp4toannexb", "-f", "h264");
        cases["raw-annex-b-hevc"] = m => m.FfmpegAsync("raw.hevc", "-i", Path.Combine(Media, "bbb-1080p24-hevc-aac-5s.ts"), "-c:v", "copy", "-an", "-f", "hevc");
        cases["codec-h264-to-hevc"] = async m => m.Concat("h264-hevc.ts", await Clip(m, "mpegts"), await m.ClipAsync("hevc.ts", 5, extra: ["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error"]));
        cases["size-360p-to-720p"] = async m => m.Concat("size.ts", await Clip(m, "mpegts"), await m.ClipAsync("720.ts", 5, filters: "scale=1280:720"));
        cases["rate-24-to-30fps"] = async m => m.Concat("rate.ts", await Clip(m, "mpegts"), await m.ClipAsync("30.ts", 5, filters: "fps=30"));
        cases["audio-stereo-to-mono"] = async m => m.Concat("mono.ts", await Clip(m, "mpegts"), await m.ClipAsync("mono-part.ts", 5, extra: ["-ac", "1"]));
        cases["audio-48k-to-44k1"] = async m => m.Concat("rate44.ts", await Clip(m, "mpegts"), await m.ClipAsync("44k.ts", 5, extra: ["-ar", "44100"]));
        cases["audio-aac-to-mp2"] = async m => m.Concat("mp2.ts", await Clip(m, "mpegts"), await m.ClipAsync("mp2-part.ts", 5, extra: ["-c:a", "mp2"]));
        cases["audio-appears-mid-stream"] = async m => m.Concat("appears.ts", await m.ClipAsync("noaudio.ts", 5, extra: ["-an"]), await Clip(m, "mpegts"));
        cases["audio-only"] = m => m.FfmpegAsync("audio.ts", "-i", RepoPaths.Clip720p, "-t", "5", "-vn", "-c:a", "aac", "-f", "mpegts");
        cases["video-only"] = m => m.ClipAsync("video.ts", 6, extra: ["-an"]);
        cases["hevc-ac3-mp4"] = _ => Task.FromResult(Path.Combine(Media, "bbb-360p24-hevc-ac3-8s.mp4"));
        cases["vp9-opus-webm"] = _ => Task.FromResult(Path.Combine(Media, "bbb-180p24-vp9-opus-5s.webm"));
        cases["irregular-gop-60fps"] = m => m.FfmpegAsync("irregular.ts", "-i", Path.Combine(Media, "bbb-1080p60-h264-aac-30s-irregular-gop.mp4"), "-t", "6", "-c", "copy", "-f", "mpegts");
        cases["h264-10bit-422"] = m => m.ClipAsync("422.ts", 5, filters: "format=yuv422p10le", extra: ["-profile:v", "high422"]);
        cases["odd-size-641x361"] = m => m.ClipAsync("odd.ts", 5, filters: "scale=641:361,format=yuv444p", extra: ["-profile:v", "high444"]);
        cases["tiny-16x16"] = m => m.ClipAsync("tiny.ts", 5, filters: "scale=16:16");
        cases["1-fps"] = m => m.ClipAsync("1fps.ts", 6, filters: "fps=1");
        cases["120-fps"] = m => m.ClipAsync("120fps.ts", 4, filters: "fps=120");
        cases["interlaced"] = m => m.ClipAsync("interlaced.ts", 5, filters: "interlace", extra: ["-flags", "+ildct+ilme"]);
        cases["no-keyframe-after-first"] = m => m.ClipAsync("gop-long.ts", 6, extra: ["-g", "100000"]);
        cases["b-frames"] = m => m.ClipAsync("bframes.ts", 5, extra: ["-bf", "3", "-preset", "medium"]);
        cases["audio-mono-8khz"] = m => m.ClipAsync("8k.ts", 5, extra: ["-ac", "1", "-ar", "8000"]);
        cases["audio-5.1"] = m => m.ClipAsync("51.ts", 5, extra: ["-ac", "6"]);
        cases["mp4-moov-at-start"] = m => m.ClipAsync("faststart.mp4", 5, format: "mp4", extra: ["-movflags", "+faststart"]);
        cases["fragmented-mp4"] = m => m.ClipAsync("frag.mp4", 5, format: "mp4", extra: ["-movflags", "frag_keyframe+empty_moov"]);
        cases["fragmented-mp4-truncated"] = async m => m.Truncate(await m.ClipAsync("frag2.mp4", 6, format: "mp4", extra: ["-movflags", "frag_keyframe+empty_moov"]), "frag-cut.mp4", 0.6);
        cases["empty-file"] = m => Task.FromResult(Write(m, "empty.ts", []));
        cases["garbage-bytes"] = m => Task.FromResult(Write(m, "garbage.ts", Garbage(200_000, 5)));
        cases["text-file"] = m => Task.FromResult(Write(m, "text.ts", "this is not a video\n"u8.ToArray()));
        cases["ts-sync-bytes-only"] = m => Task.FromResult(Write(m, "sync.ts", [.. Enumerable.Range(0, 188 * 1000).Select(i => i % 188 == 0 ? (byte)0x47 : (byte)0xFF)]));
        cases["png-image"] = m => m.FfmpegAsync("image.png", "-i", RepoPaths.Clip720p, "-frames:v", "1", "-f", "image2");
        cases["ts-header-then-garbage"] = async m => m.Concat("head-garbage.ts", m.Truncate(await Clip(m, "mpegts"), "head.ts", 0.05), Write(m, "tail.bin", Garbage(1_000_000, 9)));
        cases["ts-garbage-then-stream"] = async m => m.Concat("garbage-head.ts", Write(m, "lead.bin", Garbage(100_000, 11)), await Clip(m, "mpegts"));
        return cases;
    }

    private static Task<string> Clip(BadMedia media, string format) =>
        File.Exists(Path.Combine(media.Directory, "clip." + format)) ? Task.FromResult(Path.Combine(media.Directory, "clip." + format)) : media.ClipAsync("clip." + format, 6, format);

    private static string Short(string format) => format switch { "mpegts" => "ts", "matroska" => "mkv", _ => format };

    private static string Percent(double rate) => (rate * 100).ToString("0.##", CultureInfo.InvariantCulture) + "pct";

    private static byte[] Garbage(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Write(BadMedia media, string name, byte[] bytes)
    {
        var path = Path.Combine(media.Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
