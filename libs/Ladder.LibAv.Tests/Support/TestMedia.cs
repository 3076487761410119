namespace Ladder.LibAv.Tests.Support;

/// <summary>Finds the shared Big Buck Bunny clips in ../shared/media beside the repository root.</summary>
internal static class TestMedia
{
    private static readonly Lazy<string> s_directory = new(Locate);

    public static string Webm180p5s => Path("bbb-180p24-vp9-opus-5s.webm");

    public static string Mp4720p30s => Path("bbb-720p24-h264-aac-30s.mp4");

    public static string Hevc1080p5sTs => Path("bbb-1080p24-hevc-aac-5s.ts");

    private static string Path(string name) => System.IO.Path.Combine(s_directory.Value, name);

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Operator.sln")))
            {
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(directory.FullName, "..", "shared", "media"));
            }
        }

        throw new InvalidOperationException($"Operator.sln not found above {AppContext.BaseDirectory}; the tests need ../shared/media beside the repo.");
    }
}
