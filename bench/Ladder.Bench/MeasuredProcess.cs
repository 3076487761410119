using System.Diagnostics;
using System.Globalization;

namespace Ladder.Bench;

/// <summary>
/// Runs a command under GNU time (<c>/usr/bin/time</c>, Debian package <c>time</c>), which reaps it with <c>wait4</c>
/// and reports its user and system CPU seconds and peak RSS (<c>ru_maxrss</c>) exactly: the same accounting for the
/// ffmpeg CLI and for the Ladder child, with nothing sampled. Wall time is measured around the process here. With
/// profiling on, a sampler also reads every thread's CPU time from <c>/proc/&lt;pid&gt;/task/*/stat</c>.
/// </summary>
internal static class MeasuredProcess
{
    /// <summary>GNU time.</summary>
    public const string TimePath = "/usr/bin/time";

    /// <summary>Runs <paramref name="program"/> to its end and measures it.</summary>
    /// <param name="program">The executable.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="logPath">Where its standard output and error go.</param>
    /// <param name="profile">Sample per-thread CPU time.</param>
    /// <param name="environment">Variables set for it, beyond the bench's own environment; null for none.</param>
    /// <exception cref="InvalidOperationException">GNU time is missing, or did not report.</exception>
    public static Measurement Run(string program, IReadOnlyList<string> arguments, string logPath, bool profile, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(TimePath))
        {
            throw new InvalidOperationException($"{TimePath} is missing: install the Debian package 'time' (make deps does).");
        }

        var report = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(TimePath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-f", "%U %S %M", "-o", report, "--", program }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[name] = value;
            }

            using var log = new StreamWriter(logPath) { AutoFlush = true };
            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {TimePath}");
            process.OutputDataReceived += (_, e) => WriteLine(log, e.Data);
            process.ErrorDataReceived += (_, e) => WriteLine(log, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var threads = profile ? ThreadSampler.Sample(process) : new Dictionary<string, double>();
            process.WaitForExit();
            var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var figures = File.ReadAllLines(report).LastOrDefault(l => l.Split(' ').Length == 3)?.Split(' ')
                ?? throw new InvalidOperationException($"{TimePath} did not report on {program}; see {logPath}");
            return new Measurement(
                wall,
                double.Parse(figures[0], CultureInfo.InvariantCulture),
                double.Parse(figures[1], CultureInfo.InvariantCulture),
                long.Parse(figures[2], CultureInfo.InvariantCulture),
                process.ExitCode,
                threads);
        }
        finally
        {
            File.Delete(report);
        }
    }

    /// <summary>Appends one line of a child's output to its log; called from both output readers' threads, so it locks.</summary>
    public static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
