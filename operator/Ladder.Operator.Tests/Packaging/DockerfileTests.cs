using System.Text.RegularExpressions;
using Ladder.Operator.Tests.Support;

namespace Ladder.Operator.Tests.Packaging;

/// <summary>
/// No Docker engine runs here, so the Dockerfiles are checked by reading: every path a build stage copies or builds
/// exists in the repository (the build context is its root), the base images are the agreed ones, and the final stage
/// runs as a numeric non-root user.
/// </summary>
public sealed partial class DockerfileTests
{
    [GeneratedRegex("^(?<instruction>[A-Z]+)\\s+(?<args>.*)$")]
    private static partial Regex Instruction();

    // Instructions with their continuation lines joined.
    private static List<(string Instruction, string Args)> Read(string dockerfile)
    {
        var joined = Regex.Replace(File.ReadAllText(Path.Combine(RepoPaths.Root, dockerfile)), "\\\\\\r?\\n", " ");
        return [.. joined.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => Instruction().Match(l)).Where(m => m.Success).Select(m => (m.Groups["instruction"].Value, m.Groups["args"].Value))];
    }

    public static TheoryData<string> Dockerfiles() => ["operator/Dockerfile", "pipeline-runner/Dockerfile"];

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Stages_Should_OnlyReferenceRepositoryPathsThatExist(string dockerfile)
    {
        var missing = new List<string>();
        foreach (var (instruction, args) in Read(dockerfile))
        {
            if (instruction == "COPY" && !args.Contains("--from=", StringComparison.Ordinal))
            {
                var parts = args.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
                missing.AddRange(parts[..^1].Where(p => !File.Exists(Path.Combine(RepoPaths.Root, p)) && !Directory.Exists(Path.Combine(RepoPaths.Root, p))).Select(p => $"COPY {p}"));
            }

            if (instruction == "RUN")
            {
                foreach (Match project in Regex.Matches(args, "dotnet (?:restore|publish|build) (?<path>\\S+\\.csproj)"))
                {
                    if (!File.Exists(Path.Combine(RepoPaths.Root, project.Groups["path"].Value)))
                    {
                        missing.Add("dotnet " + project.Groups["path"].Value);
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, $"{dockerfile} references paths that do not exist: {string.Join(", ", missing)}");
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, dockerfile + ".dockerignore")), $"{dockerfile}.dockerignore is missing");
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Stages_Should_CopyEveryProjectTheAppReferences(string dockerfile)
    {
        var copied = Read(dockerfile).Where(i => i.Instruction == "COPY").Select(i => i.Args).ToList();
        var app = Read(dockerfile).Where(i => i.Instruction == "RUN").Select(i => Regex.Match(i.Args, "dotnet publish (?<path>\\S+\\.csproj)")).First(m => m.Success).Groups["path"].Value;
        var pending = new Queue<string>([app]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var project))
        {
            if (!seen.Add(project))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(project)!;
            Assert.True(copied.Any(c => c.StartsWith(directory + "/ ", StringComparison.Ordinal)), $"{dockerfile} does not copy {directory}/ (needed by {app})");
            foreach (Match reference in Regex.Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, project)), "ProjectReference Include=\"(?<path>[^\"]+)\""))
            {
                pending.Enqueue(Path.GetRelativePath(RepoPaths.Root, Path.GetFullPath(Path.Combine(RepoPaths.Root, directory, reference.Groups["path"].Value))).Replace('\\', '/'));
            }
        }
    }

    [Fact]
    public void OperatorImage_Should_BuildOnTheSdkAndRunOnAspNetAsNonRoot()
    {
        var file = Read("operator/Dockerfile");
        var froms = file.Where(i => i.Instruction == "FROM").Select(i => i.Args.Split(' ')[0]).ToList();

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0"], froms);
        AssertNonRootAfterLastFrom(file);
    }

    [Fact]
    public void RunnerImage_Should_RunOnDebian12WithFfmpeg51LibrariesAsNonRoot()
    {
        var file = Read("pipeline-runner/Dockerfile");

        Assert.Equal("debian:12-slim", file.Last(i => i.Instruction == "FROM").Args.Split(' ')[0]);
        var install = string.Join(' ', file.SkipWhile(i => i.Args != "debian:12-slim AS runtime").Where(i => i.Instruction == "RUN").Select(i => i.Args));
        foreach (var library in new[] { "libavformat59", "libavcodec59", "libavutil57", "libswscale6", "libswresample4", "libavfilter8" })
        {
            Assert.Contains(library, install, StringComparison.Ordinal);
        }

        Assert.Contains("--self-contained true", string.Join(' ', file.Select(i => i.Args)), StringComparison.Ordinal);
        Assert.Equal("65532:65532", file.Last(i => i.Instruction == "USER").Args);
        AssertNonRootAfterLastFrom(file);
    }

    private static void AssertNonRootAfterLastFrom(List<(string Instruction, string Args)> file)
    {
        var final = file.Skip(file.FindLastIndex(i => i.Instruction == "FROM")).ToList();
        var user = final.LastOrDefault(i => i.Instruction == "USER").Args;
        Assert.NotNull(user);
        var uid = user.Split(':')[0];
        Assert.True(int.TryParse(uid, out var id) && id != 0, $"the final stage's USER is \"{user}\"; use a numeric non-root uid so runAsNonRoot can verify it");
    }
}
