using System.Globalization;

namespace Ladder.Bench.Latency;

/// <summary>
/// A process's CPU time and memory read from procfs (proc(5)): <c>/proc/PID/stat</c> fields 14 and 15 (utime, stime,
/// in clock ticks of 1/100 s on Linux) and <c>/proc/PID/status</c> <c>VmRSS</c> and <c>VmHWM</c> (kB).
/// </summary>
/// <param name="CpuSeconds">User plus system CPU seconds since the process started.</param>
/// <param name="RssBytes">Resident set now, bytes.</param>
/// <param name="PeakRssBytes">Peak resident set since the start, bytes.</param>
internal sealed record ProcessUsage(double CpuSeconds, long RssBytes, long PeakRssBytes)
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux architecture .NET runs on

    /// <summary>Reads the usage of process <paramref name="pid"/>.</summary>
    /// <exception cref="IOException">The process is gone.</exception>
    public static ProcessUsage Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (comm) ": field 3 is fields[0]
        var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        long Kib(string name) => long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(name + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return new ProcessUsage(cpu, Kib("VmRSS"), Kib("VmHWM"));
    }
}
