namespace Ladder.Kubernetes.Testing;

/// <summary>Finds the recorded API server exchanges at <c>../shared/k8s-fixtures</c> beside the repository root.</summary>
public static class FixtureDirectory
{
    /// <summary>
    /// The fixture folder: walks up from <see cref="AppContext.BaseDirectory"/> to the folder holding
    /// <c>Operator.sln</c>, then takes <c>../shared/k8s-fixtures</c>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The repository root or the fixture folder is missing.</exception>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Operator.sln")))
            {
                var fixtures = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "k8s-fixtures"));
                return Directory.Exists(fixtures) ? fixtures
                    : throw new DirectoryNotFoundException($"The Kubernetes fixtures are not at '{fixtures}': check out the shared folder beside the repository.");
            }
        }

        throw new DirectoryNotFoundException($"No Operator.sln above '{AppContext.BaseDirectory}': run the tests from inside the repository.");
    }
}
