namespace Ladder.CrdGen.Tests;

/// <summary>Locates the repository and its shared fixtures from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Crds => Path.Combine(Root, "crds");

    public static string Samples => Path.Combine(Root, "config", "samples");

    public static string Kubectl => Path.Combine(Root, ".tools", "bin", "kubectl");

    /// <summary>The recorded API server exchanges: shared/k8s-fixtures beside the repo (or inside it).</summary>
    public static string K8sFixtures
    {
        get
        {
            foreach (var candidate in new[] { Path.Combine(Root, "shared", "k8s-fixtures"), Path.Combine(Root, "..", "shared", "k8s-fixtures") })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
            throw new DirectoryNotFoundException($"shared/k8s-fixtures not found inside or beside {Root}");
        }
    }

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
