using System.Text.RegularExpressions;
using Ladder.LibAv.Tests.Support;
using Xunit.Abstractions;

namespace Ladder.LibAv.Tests.Core;

/// <summary>Measures process RSS, so it runs alone: tests running beside it would move the number.</summary>
[CollectionDefinition(nameof(LeakTests), DisableParallelization = true)]
public sealed class LeakTestsCollection;

[Collection(nameof(LeakTests))]
public sealed partial class LeakTests(ITestOutputHelper output)
{
    private const int WarmUpCycles = 100;
    private const int MeasuredCycles = 1000;

    [Fact]
    public void OpenDecodeClose_Should_KeepRssFlat_Over1000Cycles()
    {
        for (var i = 0; i < WarmUpCycles; i++)
        {
            OpenDecodeClose();
        }

        var before = ResidentBytes();
        for (var i = 0; i < MeasuredCycles; i++)
        {
            OpenDecodeClose();
        }

        var after = ResidentBytes();
        var growth = after - before;
        output.WriteLine($"RSS after {WarmUpCycles} warm-up cycles: {before / 1024.0 / 1024:F1} MiB; after {MeasuredCycles} more: {after / 1024.0 / 1024:F1} MiB; growth {growth / 1024.0:F0} KiB");
        Assert.True(growth < 8 * 1024 * 1024, $"RSS grew by {growth / 1024} KiB over {MeasuredCycles} cycles");
    }

    private static void OpenDecodeClose()
    {
        using var input = InputContext.Open(TestMedia.Webm180p5s, new InputOptions { FindStreamInfo = false });
        var video = input.FindStream(MediaType.Video)!;
        using var decoder = Decoder.Create(video, new DecoderOptions { Threads = 1 });
        using var packet = new Packet();
        using var frame = new Frame();
        using var copy = new Frame();
        var frames = 0;
        while (frames < 3 && input.ReadPacket(packet))
        {
            if (packet.StreamIndex == video.Index && decoder.SendPacket(packet) == CodecResult.Ok)
            {
                while (decoder.ReceiveFrame(frame) == CodecResult.Ok)
                {
                    copy.Ref(frame);
                    frames++;
                }
            }
        }

        Assert.Equal(3, frames);
    }

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var status = File.ReadAllText("/proc/self/status");
        return long.Parse(VmRss().Match(status).Groups[1].Value) * 1024;
    }

    [GeneratedRegex(@"VmRSS:\s+(\d+) kB")]
    private static partial Regex VmRss();
}
