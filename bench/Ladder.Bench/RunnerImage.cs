namespace Ladder.Bench;

/// <summary>
/// What the runner's image sets for the process, read from <c>pipeline-runner/Dockerfile</c> so the bench runs the
/// runner as it ships: the <c>ENV</c> instructions of the final stage (after the last <c>FROM</c>), in the
/// <c>ENV KEY=value KEY2=value2</c> form with <c>\</c> line continuations.
/// </summary>
internal static class RunnerImage
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> s_environment = new(() => ReadEnvironment(Path.Combine(RepoRoot(), "pipeline-runner", "Dockerfile")));

    /// <summary>The image's environment (e.g. <c>DOTNET_gcServer=0</c>, <c>MALLOC_ARENA_MAX=2</c>).</summary>
    /// <exception cref="InvalidOperationException">The Dockerfile is not found above the working or program directory, or an <c>ENV</c> is not <c>KEY=value</c>.</exception>
    public static IReadOnlyDictionary<string, string> Environment => s_environment.Value;

    /// <summary>The repository root: the first folder above the working or program directory that holds <c>Operator.sln</c>.</summary>
    /// <exception cref="InvalidOperationException">None holds it.</exception>
    public static string RepoRoot()
    {
        foreach (var start in new[] { System.Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Operator.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"Operator.sln not found above {System.Environment.CurrentDirectory}: run the bench from the repository");
    }

    private static Dictionary<string, string> ReadEnvironment(string dockerfile)
    {
        var instructions = new List<string>();
        var current = "";
        foreach (var raw in File.ReadLines(dockerfile))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            current += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (!line.EndsWith('\\'))
            {
                instructions.Add(current);
                current = "";
            }
        }

        var finalStage = instructions.Skip(instructions.FindLastIndex(i => i.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase)) + 1);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in finalStage.Where(i => i.StartsWith("ENV ", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var pair in instruction[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new InvalidOperationException($"{dockerfile}: '{instruction}' is not in the ENV KEY=value form the bench reads");
                }

                environment[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        return environment;
    }
}
