using System.Diagnostics;

namespace Ladder.Bench;

/// <summary>Runs the helper tools (ffprobe, a trimming ffmpeg) outside any measurement.</summary>
internal static class Tools
{
    /// <summary>Runs <paramref name="program"/> and returns its standard output.</summary>
    /// <exception cref="InvalidOperationException">It exited with a non-zero status.</exception>
    public static string Capture(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"{FfmpegPeer.Quote(program, arguments)} exited with {process.ExitCode}: {error.Result.Trim()}");
    }
}
