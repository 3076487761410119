using System.Runtime.InteropServices;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Video;

[Collection(ProcessMemoryCollection.Name)]
public sealed class TransparentHugePagesTests
{
    private const int PrSetThpDisable = 41;

    [Fact]
    public async Task Start_Should_TurnTransparentHugePagesOff_When_APipelineStarts()
    {
        Assert.Equal(0, prctl(PrSetThpDisable, 0, 0, 0, 0)); // on again, as a process starts, whatever ran before
        Assert.Equal("1", ThpEnabled());
        using var clip = TestMedia.Cut(1);

        await using var run = PipelineRun.Start(Specs.Create(Specs.File(clip.Path), [Specs.Rendition("90p", 160, 90)], gopSeconds: 1));

        Assert.Equal("0", ThpEnabled());
    }

    /// <summary>The <c>THP_enabled</c> line of <c>/proc/self/status</c> (Linux 5.0 and later).</summary>
    private static string ThpEnabled() => ProcStatus.Read("THP_enabled");

    [DllImport("libc", SetLastError = true)]
    private static extern int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
