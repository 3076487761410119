using System.Runtime.InteropServices;

namespace Ladder.Pipeline.Stages;

/// <summary>
/// Returns the free pages of the C library's malloc arenas to the kernel once a <see cref="Period"/> while a pipeline
/// runs (<c>int malloc_trim(size_t pad)</c> with pad 0, man 3 malloc_trim: since glibc 2.8 it releases every whole free
/// page of every arena, not only the top of the main heap). The stages free large blocks all the time (the mp4
/// muxer's fragment buffer of every track at every segment, FFmpeg's packet buffers), and glibc keeps the free pages
/// that lie below blocks still in use resident until it reuses them. On the 4-rung 1080p bench
/// (bench/Ladder.Bench/README.md, "Memory") about 8 MiB less peak RSS at the same CPU seconds. Does nothing on a
/// system other than Linux, and stops after the first call where the C library has no <c>malloc_trim</c> (musl).
/// </summary>
internal sealed partial class NativeHeapTrimmer : IDisposable
{
    /// <summary>How often the arenas are trimmed.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly Timer? _timer;

    /// <summary>Starts trimming every <see cref="Period"/>.</summary>
    public NativeHeapTrimmer()
    {
        if (OperatingSystem.IsLinux())
        {
            _timer = new Timer(_ => Trim(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(Period, Period);
        }
    }

    /// <summary>Stops trimming.</summary>
    public void Dispose() => _timer?.Dispose();

    private void Trim()
    {
        try
        {
            _ = MallocTrim(0);
        }
        catch (EntryPointNotFoundException)
        {
            _timer!.Dispose();
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
