using System.Runtime.InteropServices;

namespace Ladder.Pipeline.Video;

/// <summary>
/// Turns transparent huge pages off for the whole process (<c>prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)</c>, man 2 prctl,
/// Linux 3.15 and later; <c>/proc/self/status</c> then shows <c>THP_enabled: 0</c>). libx264 asks for 2 MiB huge
/// pages on each of its buffers of 1.75 MiB or more (<c>x264_malloc</c> in x264's common/base.c, with
/// <c>madvise(MADV_HUGEPAGE)</c>), and a huge page is resident whole once any byte of it is touched, so every
/// rendition's frame and lookahead buffers count up to their next 2 MiB whether used or not; on a node whose THP mode
/// is <c>always</c>, the managed heap and the malloc arenas would be backed the same way. With 4 KiB pages only the
/// pages touched are resident: on the 4-rung 1080p bench (bench/Ladder.Bench/README.md, "Memory") 9 to 17 MiB less
/// peak RSS, at the same CPU seconds and frames per second. Call it before the encoders open: pages already backed
/// by huge pages stay so.
/// </summary>
internal static partial class TransparentHugePages
{
    /// <summary><c>PR_SET_THP_DISABLE</c> from linux/prctl.h.</summary>
    private const int PrSetThpDisable = 41;

    /// <summary>Turns them off for this process and the processes it starts.</summary>
    /// <returns>False where the kernel refused (older than 3.15) or the system is not Linux: nothing changed.</returns>
    public static bool DisableForProcess() => OperatingSystem.IsLinux() && Prctl(PrSetThpDisable, 1, 0, 0, 0) == 0;

    /// <summary><c>int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)</c> (glibc's sys/prctl.h).</summary>
    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
