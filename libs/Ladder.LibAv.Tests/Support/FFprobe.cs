using System.Diagnostics;
using System.Text.Json;

namespace Ladder.LibAv.Tests.Support;

/// <summary>Runs the installed ffprobe on a file and returns its JSON output.</summary>
internal static class FFprobe
{
    public static JsonDocument Run(string path, params string[] arguments)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-v", "error", "-of", "json" }.Concat(arguments).Append(path))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ffprobe {string.Join(' ', arguments)} {path} failed: {error}");
        return JsonDocument.Parse(output.Result);
    }

    /// <summary>The decoded frame count of the first stream of <paramref name="selector"/> ("v:0", "a:0").</summary>
    public static int CountFrames(string path, string selector)
    {
        using var json = Run(path, "-count_frames", "-select_streams", selector, "-show_entries", "stream=nb_read_frames");
        return int.Parse(json.RootElement.GetProperty("streams")[0].GetProperty("nb_read_frames").GetString()!);
    }

    /// <summary>The container duration in seconds.</summary>
    public static double Duration(string path)
    {
        using var json = Run(path, "-show_entries", "format=duration");
        return double.Parse(json.RootElement.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
