using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ladder.Runner.Cli;
using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.Cli;

/// <summary>
/// <c>ladder-runner validate</c> on damaged manifests (<see cref="ManifestMutation"/>): whatever the damage, it exits
/// 0 (the damage left a valid manifest) or 2 with every problem as <c>file:line:column: message</c>, never with an
/// exception.
/// </summary>
public sealed partial class ValidatePropertyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ladder-validate-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Property(MaxTest = 400)]
    public Property Validate_Should_Exit0Or2WithLocatedMessages_When_ManifestIsDamaged() =>
        Prop.ForAll(ManifestMutation.Arbitrary, mutation =>
        {
            var path = Path.Combine(_dir, mutation.Sample);
            File.WriteAllBytes(path, mutation.Apply());

            var (code, output, error) = Invoke("validate", "-f", path);

            var problems = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var ok = code == ExitCodes.Ok && output.Trim() == $"{mutation.Sample}: valid" && problems.Length == 0;
            var invalid = code == ExitCodes.Invalid && problems.Length > 0 && problems.All(p => Located().IsMatch(p) && p.StartsWith(mutation.Sample + ":", StringComparison.Ordinal));
            return (ok || invalid).Label($"{mutation}: exit {code}\n{output}{error}");
        });

    [Fact]
    public void Validate_Should_Exit2WithLineAndColumn_When_FlowSequenceIsUnclosed()
    {
        var path = Path.Combine(_dir, "open.yaml");
        File.WriteAllText(path, File.ReadAllText(RepoPaths.DemoManifest).Replace("gopSeconds: 2", "gopSeconds: [2", StringComparison.Ordinal));

        var (code, _, error) = Invoke("validate", "-f", path);

        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Equal("open.yaml:17:17: not valid YAML: a [ or { here is not closed with ] or }", error.Trim());
    }

    [Fact]
    public void Validate_Should_ReportEveryProblemAtItsFieldLine_When_ObjectsHaveSeveral()
    {
        var path = Path.Combine(_dir, "types.yaml");
        File.WriteAllText(path, """
            apiVersion: ladder.dev/v1alpha1
            kind: TranscodeProfile
            metadata:
              name: p
            spec:
              video:
                gopSeconds: two
                renditions:
                  - name: 720p
                    width: wide
                    height: [720]
                    bitrate: 2800k
                    colour: blue
            ---
            apiVersion: ladder.dev/v1alpha1
            kind: LiveStream
            metadata:
              name: s
            spec:
              profileRef: {name: p}
              inputs:
                - name: main
                  url: ftp://example.com/feed.ts
            """);

        var (code, _, error) = Invoke("validate", "-f", path);

        Assert.Equal(ExitCodes.Invalid, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("types.yaml:7:5: TranscodeProfile \"p\": spec.video.gopSeconds: wrong type", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("types.yaml:10:9: TranscodeProfile \"p\": spec.video.renditions[0].width: wrong type", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("types.yaml:11:9: TranscodeProfile \"p\": spec.video.renditions[0].height: wrong type", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("types.yaml:13:9: TranscodeProfile \"p\": spec.video.renditions[0].colour: unknown field", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("types.yaml:23:7: LiveStream default/s: spec.inputs[0].url: scheme \"ftp\"", StringComparison.Ordinal));
    }

    private static (int Code, string Output, string Error) Invoke(params string[] args)
    {
        var root = RunnerCli.Create(_ => throw new InvalidOperationException("validate never reaches the pipeline"));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = root.Parse(args).Invoke(RunnerCli.Invocation(output, error));
        return (code, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"^[^:]+:\d+:\d+: \S")]
    private static partial Regex Located();
}
