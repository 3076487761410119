using System.Diagnostics;

namespace Ladder.E2E;

/// <summary>
/// The real kubectl and helm (from <c>.tools/bin</c>, installed by <c>make deps</c>) against the e2e cluster, as a
/// platform team runs them. Each call is bounded; a non-zero exit is returned, not thrown, so tests can assert on it.
/// </summary>
internal static class ClusterTools
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>The outcome of one command.</summary>
    internal sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>Throws with the command's error output unless it exited 0.</summary>
        public Result EnsureSuccess(string what) =>
            ExitCode == 0 ? this : throw new InvalidOperationException($"{what} exited {ExitCode}: {Error}{Output}");
    }

    /// <summary>Runs <c>kubectl --kubeconfig {kubeconfig} args...</c>.</summary>
    public static Task<Result> KubectlAsync(string kubeconfig, params string[] args) => RunAsync("kubectl", ["--kubeconfig", kubeconfig, .. args]);

    /// <summary>Runs <c>helm --kubeconfig {kubeconfig} args...</c>.</summary>
    public static Task<Result> HelmAsync(string kubeconfig, params string[] args) => RunAsync("helm", ["--kubeconfig", kubeconfig, .. args]);

    private static async Task<Result> RunAsync(string tool, string[] args)
    {
        var path = Path.Combine(OperatorFixture.RepoRoot, ".tools", "bin", tool);
        Assert.True(File.Exists(path), $"{path} is missing: run 'make deps' first");
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = OperatorFixture.RepoRoot };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(Patience);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish within {Patience.TotalSeconds} s");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
