namespace Ladder.Pipeline.Tests.Support;

/// <summary>The shared Big Buck Bunny clips in ../shared/media beside the repository root, and short cuts of them made with ffmpeg.</summary>
internal static class TestMedia
{
    private static readonly Lazy<string> s_directory = new(Locate);

    /// <summary>H.264 High 1280x720 24 fps, keyframes every 2 s; AAC-LC 48 kHz stereo; 30 s.</summary>
    public static string Mp4720p30s => Path.Combine(s_directory.Value, "bbb-720p24-h264-aac-30s.mp4");

    /// <summary>Copies the first <paramref name="seconds"/> of the 720p clip (stream copy, cut on its 2 s keyframes) into a temporary file of <paramref name="format"/>.</summary>
    public static TempFile Cut(double seconds, string format = "mp4")
    {
        var file = new TempFile("." + format);
        Ffmpeg.Run($"-v error -y -i {Mp4720p30s} -t {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} -c copy -f {format} {file.Path}");
        return file;
    }

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Operator.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "media"));
            }
        }

        throw new InvalidOperationException($"Operator.sln not found above {AppContext.BaseDirectory}; the tests need ../shared/media beside the repo.");
    }
}
