namespace Ladder.Runner.Tests.Support;

/// <summary>Locates the repository, its samples and the shared test media from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "config", "samples");

    public static string DemoManifest => Path.Combine(Samples, "demo.yaml");

    /// <summary>The real clips beside the repository (<c>../shared/media</c>).</summary>
    public static string Media => Path.GetFullPath(Path.Combine(Root, "..", "shared", "media"));

    /// <summary>The 720p24 H.264/AAC Big Buck Bunny clip the real-peer tests push.</summary>
    public static string Clip720p => Path.Combine(Media, "bbb-720p24-h264-aac-30s.mp4");

    /// <summary>The npm tools <c>hack/install-deps.sh</c> installs.</summary>
    public static string NodeModules => Path.Combine(Root, ".tools", "node_modules");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Operator.sln above {AppContext.BaseDirectory}");
    }
}
