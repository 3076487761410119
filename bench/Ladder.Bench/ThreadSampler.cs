using System.Diagnostics;
using System.Globalization;

namespace Ladder.Bench;

/// <summary>
/// Where a process's cores go: every 200 ms, reads the CPU time (utime + stime) of each thread of the measured
/// command (the child of GNU time) from <c>/proc/&lt;pid&gt;/task/&lt;tid&gt;/stat</c>, and sums the last reading of each
/// thread by thread name. Threads started by a library (x264's) inherit the name of the thread that created them.
/// A thread that ends loses its last 200 ms at most.
/// </summary>
internal static class ThreadSampler
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Samples until <paramref name="timeProcess"/> (GNU time) exits; returns CPU seconds by thread name, with the thread count in the name.</summary>
    public static IReadOnlyDictionary<string, double> Sample(Process timeProcess)
    {
        var last = new Dictionary<int, (string Name, long Ticks)>();
        int? child = null;
        while (!timeProcess.WaitForExit(Interval))
        {
            child ??= FindChild(timeProcess.Id);
            if (child is not { } pid)
            {
                continue;
            }

            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                {
                    if (Read(Path.Combine(task, "stat")) is { } reading)
                    {
                        last[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = reading;
                    }
                }
            }
            catch (IOException)
            {
                // the process ended between two reads
            }
        }

        return last.Values
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .ToDictionary(g => $"{g.Key} x{g.Count()}", g => g.Sum(t => t.Ticks) / TicksPerSecond, StringComparer.Ordinal);
    }

    private static int? FindChild(int pid)
    {
        try
        {
            var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children.Length > 0 ? int.Parse(children[0], CultureInfo.InvariantCulture) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The thread's name (<c>comm</c>) and utime + stime in clock ticks; fields 14 and 15 of <c>stat</c>, counted after the parenthesised name.</summary>
    private static (string Name, long Ticks)? Read(string path)
    {
        try
        {
            var stat = File.ReadAllText(path);
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            return (stat[(open + 1)..close], long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
