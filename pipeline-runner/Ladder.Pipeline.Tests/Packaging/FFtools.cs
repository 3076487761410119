using System.Diagnostics;
using System.Text.Json;

namespace Ladder.Pipeline.Tests.Packaging;

/// <summary>Runs the installed ffprobe and ffmpeg (FFmpeg 5.1) with a time limit.</summary>
internal static class FFtools
{
    public static JsonDocument Probe(string path, params string[] arguments)
    {
        var (code, output, error) = Run("ffprobe", ["-v", "error", "-of", "json", .. arguments, path]);
        Assert.True(code == 0, $"ffprobe {string.Join(' ', arguments)} {path} failed: {error}");
        return JsonDocument.Parse(output);
    }

    public static (int ExitCode, string Output, string Error) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            Assert.Fail($"{tool} {string.Join(' ', arguments)} did not finish within 60 s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
