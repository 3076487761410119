namespace Ladder.Operator.Tests.Support;

/// <summary>Paths in the repository, found from the test assembly by walking up to <c>Operator.sln</c>.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Chart => Path.Combine(Root, "charts", "ladder");

    public static string Crds => Path.Combine(Root, "crds");

    public static string Helm => Path.Combine(Root, ".tools", "bin", "helm");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Operator.sln above {AppContext.BaseDirectory}");
    }
}
