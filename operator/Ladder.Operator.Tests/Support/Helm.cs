using System.Diagnostics;
using System.Text.Json.Nodes;
using Ladder.Api.Manifests;

namespace Ladder.Operator.Tests.Support;

/// <summary>Runs the repo's helm (<c>.tools/bin/helm</c>, installed by <c>hack/install-deps.sh</c>) on <c>charts/ladder</c>.</summary>
internal static class Helm
{
    /// <summary>Values that turn every optional part on.</summary>
    public static readonly string[] EverythingOn = ["webhook.enabled=true", "serviceMonitor.enabled=true", "podMonitor.enabled=true", "prometheusRule.enabled=true"];

    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        Assert.True(File.Exists(RepoPaths.Helm), $"helm not found at {RepoPaths.Helm}; run `make deps` (hack/install-deps.sh installs it)");
        var start = new ProcessStartInfo(RepoPaths.Helm, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(Path.GetTempPath(), "ladder-helm-cache");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), "ladder-helm-config");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(Path.GetTempPath(), "ladder-helm-data");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary><c>helm template</c> with <paramref name="set"/> values, as parsed documents (kind, metadata, ...).</summary>
    public static async Task<List<JsonObject>> TemplateAsync(params string[] set)
    {
        var args = new List<string> { "template", "ladder", RepoPaths.Chart, "--namespace", "ladder-system" };
        foreach (var value in set)
        {
            args.Add("--set");
            args.Add(value);
        }

        var (exit, output) = await RunAsync([.. args]);
        Assert.True(exit == 0, $"helm template {string.Join(' ', set)} failed ({exit}):\n{output}");
        return [.. YamlJson.ReadDocuments(output).Select(d => d.Json).OfType<JsonObject>()];
    }

    public static JsonObject Single(List<JsonObject> objects, string kind, string? name = null) =>
        objects.Single(o => o["kind"]?.GetValue<string>() == kind && (name is null || o["metadata"]?["name"]?.GetValue<string>() == name));
}
