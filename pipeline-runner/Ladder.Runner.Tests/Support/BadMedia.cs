using System.Globalization;

namespace Ladder.Runner.Tests.Support;

/// <summary>
/// Builds broken and unusual inputs from the real 720p clip in a temporary directory, with the ffmpeg CLI and
/// byte-level damage; nothing is committed. Every file is made small (360p, a few seconds) so a case runs quickly.
/// </summary>
internal sealed class BadMedia : IDisposable
{
    public BadMedia() => Directory = System.IO.Directory.CreateTempSubdirectory("ladder-bad-media-").FullName;

    public string Directory { get; }

    /// <summary>Runs ffmpeg with <paramref name="args"/> (after <c>-nostdin -v error -y</c>) writing <paramref name="name"/>; returns its path.</summary>
    public async Task<string> FfmpegAsync(string name, params string[] args)
    {
        var path = Path.Combine(Directory, name);
        await ExternalProcess.RunAsync(TimeSpan.FromSeconds(120), "ffmpeg", ["-nostdin", "-v", "error", "-y", .. args, path]);
        return path;
    }

    /// <summary>
    /// The clip as 360p24 H.264 (GOP 1 s, no B-frames) + AAC, <paramref name="seconds"/> long, in <paramref name="format"/>,
    /// with <paramref name="filters"/> (video) and <paramref name="audioFilters"/> applied when given.
    /// </summary>
    public Task<string> ClipAsync(string name, double seconds, string format = "mpegts", string? filters = null, string? audioFilters = null, params string[] extra) =>
        FfmpegAsync(name, [
            "-t", seconds.ToString(CultureInfo.InvariantCulture), "-i", Pusher.Clip,
            "-vf", "scale=640:360" + (filters is null ? "" : "," + filters), .. audioFilters is null ? Array.Empty<string>() : ["-af", audioFilters],
            "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "ultrafast", "-g", "24", "-bf", "0", "-c:a", "aac", .. extra, "-f", format]);

    /// <summary>A copy of <paramref name="source"/> with a fraction <paramref name="rate"/> of its bytes replaced by random ones (seeded).</summary>
    public string Corrupt(string source, string name, double rate, int seed)
    {
        var bytes = File.ReadAllBytes(source);
        var random = new Random(seed);
        for (var i = (int)(bytes.Length * rate); i > 0; i--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The files' bytes one after the other (MPEG-TS and other stream formats concatenate this way).</summary>
    public string Concat(string name, params string[] sources)
    {
        var path = Path.Combine(Directory, name);
        using var output = File.Create(path);
        foreach (var source in sources)
        {
            using var input = File.OpenRead(source);
            input.CopyTo(output);
        }
        return path;
    }

    /// <summary>The first <paramref name="fraction"/> of <paramref name="source"/>'s bytes.</summary>
    public string Truncate(string source, string name, double fraction)
    {
        var bytes = File.ReadAllBytes(source);
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * fraction)]);
        return path;
    }

    /// <summary>
    /// A copy of the MPEG-TS <paramref name="source"/> whose video PES headers claim no PTS/DTS (<c>PTS_DTS_flags</c>
    /// cleared; the timestamp bytes stay as header stuffing), as a broken muxer writes them.
    /// </summary>
    public string StripVideoPts(string source, string name)
    {
        var bytes = File.ReadAllBytes(source);
        for (var i = 0; i + 188 <= bytes.Length; i += 188)
        {
            var payloadStart = (bytes[i + 1] & 0x40) != 0;
            var offset = 4 + (((bytes[i + 3] >> 4) & 2) != 0 ? 1 + bytes[i + 4] : 0);
            if (bytes[i] == 0x47 && payloadStart && offset + 9 <= 188
                && bytes[i + offset] == 0 && bytes[i + offset + 1] == 0 && bytes[i + offset + 2] == 1 && (bytes[i + offset + 3] & 0xF0) == 0xE0)
            {
                bytes[i + offset + 7] &= 0x3F;
            }
        }
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
