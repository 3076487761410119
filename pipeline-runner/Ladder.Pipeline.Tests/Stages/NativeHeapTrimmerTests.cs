using System.Diagnostics;
using System.Runtime.InteropServices;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Stages;

[Collection(ProcessMemoryCollection.Name)]
public sealed class NativeHeapTrimmerTests
{
    private const int Blocks = 512;
    private const int BlockSize = 64 * 1024; // below glibc's mmap threshold: taken from an arena

    [Fact]
    public async Task Trimmer_Should_ReturnFreedPagesToTheKernel_When_TheyLieBelowABlockInUse()
    {
        var ones = Enumerable.Repeat((byte)1, BlockSize).ToArray();
        var blocks = new IntPtr[Blocks];
        for (var i = 0; i < Blocks; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(BlockSize); // malloc
            Marshal.Copy(ones, 0, blocks[i], BlockSize);
        }

        var guard = blocks[^1]; // the last one stays in use above the others: free() alone cannot give them back from the top
        try
        {
            foreach (var block in blocks[..^1])
            {
                Marshal.FreeHGlobal(block);
            }

            var freed = RssAnonKiB();
            using var trimmer = new NativeHeapTrimmer();
            var waited = Stopwatch.StartNew();
            while (RssAnonKiB() > freed - (16 * 1024) && waited.Elapsed < NativeHeapTrimmer.Period * 5)
            {
                await Task.Delay(100);
            }

            Assert.True(RssAnonKiB() <= freed - (16 * 1024), $"RssAnon stayed at {RssAnonKiB()} KiB from {freed} KiB after 32 MiB were freed");
        }
        finally
        {
            Marshal.FreeHGlobal(guard);
        }
    }

    private static long RssAnonKiB() => ProcStatus.KiB("RssAnon");
}
