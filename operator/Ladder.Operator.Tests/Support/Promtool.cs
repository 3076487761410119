using System.Diagnostics;

namespace Ladder.Operator.Tests.Support;

/// <summary>Runs Prometheus' promtool: <c>check metrics</c> (the exposition linter) on a scrape, and any other command on files.</summary>
internal static class Promtool
{
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
            .Select(d => System.IO.Path.Combine(d, "promtool")).FirstOrDefault(File.Exists);

    /// <summary>The exit code and what promtool printed.</summary>
    public static async Task<(int Exit, string Output)> CheckMetricsAsync(string exposition)
    {
        var promtool = Find() ?? throw new InvalidOperationException("promtool is not on PATH; install Prometheus' promtool (apt package prometheus) to lint /metrics");
        var start = new ProcessStartInfo(promtool, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    /// <summary>Runs <c>promtool args...</c> in <paramref name="directory"/>; the exit code and what it printed.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string directory, params string[] args)
    {
        var promtool = Find() ?? throw new InvalidOperationException("promtool is not on PATH; install Prometheus' promtool (apt package prometheus)");
        using var process = Process.Start(new ProcessStartInfo(promtool, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
