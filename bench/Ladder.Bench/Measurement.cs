namespace Ladder.Bench;

/// <summary>What one child process cost, from the kernel's accounting when it was reaped (<c>wait4</c> rusage).</summary>
/// <param name="WallSeconds">From start to exit, measured by the bench.</param>
/// <param name="UserSeconds">CPU time in user mode, all threads.</param>
/// <param name="SystemSeconds">CPU time in the kernel, all threads.</param>
/// <param name="PeakRssKib">The largest resident set (<c>ru_maxrss</c>, the same figure as <c>VmHWM</c>), KiB.</param>
/// <param name="ExitCode">The process's exit status.</param>
/// <param name="Threads">CPU seconds per thread name, sampled from <c>/proc/&lt;pid&gt;/task</c>; empty unless profiling.</param>
internal sealed record Measurement(double WallSeconds, double UserSeconds, double SystemSeconds, long PeakRssKib, int ExitCode, IReadOnlyDictionary<string, double> Threads)
{
    /// <summary>User plus system CPU seconds.</summary>
    public double CpuSeconds => UserSeconds + SystemSeconds;

    /// <summary>Peak RSS in MiB.</summary>
    public double PeakRssMib => PeakRssKib / 1024.0;
}
