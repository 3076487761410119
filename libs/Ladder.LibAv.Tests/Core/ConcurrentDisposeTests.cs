using System.Diagnostics;
using System.Runtime.InteropServices;
using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;
using Ladder.LibAv.Tests.Support;

namespace Ladder.LibAv.Tests.Core;

/// <summary>Wrappers disposed on one thread while another is inside a native call that uses them (hot reload).</summary>
public sealed class ConcurrentDisposeTests
{
    [Fact]
    public async Task ReadPacket_Should_AbortWithObjectDisposed_When_InputAndPacketDisposedDuringBlockedRead()
    {
        using var source = new StallingTcpSource(File.ReadAllBytes(TestMedia.Hevc1080p5sTs).AsMemory(0, 256 * 1024));
        var input = InputContext.Open(source.Url, new InputOptions { Format = "mpegts", FindStreamInfo = false, ReadTimeout = TimeSpan.FromSeconds(30) });
        var packet = new Packet();
        var packets = 0;
        var reading = Task.Run(() =>
        {
            while (input.ReadPacket(packet))
            {
                packets++;
            }
        });
        await Task.Delay(500); // the 256 KiB are read in well under that; the read now blocks on the stalled source
        Assert.False(reading.IsCompleted, "the read should be blocked on the stalled source");
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Task.Run(packet.Dispose), Task.Run(input.Dispose));

        // The aborted read throws, or returns a packet the demuxer had pending and the next call throws.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => reading);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the aborted read took {clock.Elapsed} to return");
        Assert.True(packets > 1, "packets flowed before the stall");
        using var fresh = new Packet();
        Assert.Throws<ObjectDisposedException>(() => input.ReadPacket(fresh));
        Assert.Throws<ObjectDisposedException>(() => input.Duration);
        Assert.Throws<ObjectDisposedException>(() => packet.Pts);
        Assert.Throws<ObjectDisposedException>(() => fresh.Ref(packet));
    }

    [Fact]
    public async Task ReadPacket_Should_EndCleanly_When_CancelAndDisposeRaceDuringBlockedRead()
    {
        for (var round = 0; round < 5; round++)
        {
            using var source = new StallingTcpSource(File.ReadAllBytes(TestMedia.Hevc1080p5sTs).AsMemory(0, 64 * 1024));
            var input = InputContext.Open(source.Url, new InputOptions { Format = "mpegts", FindStreamInfo = false, ReadTimeout = TimeSpan.FromSeconds(30) });
            using var packet = new Packet();
            using var cancellation = new CancellationTokenSource();
            var reading = Task.Run(() =>
            {
                while (input.ReadPacket(packet, cancellation.Token))
                {
                }
            });
            await Task.Delay(100 + (round * 20));

            await Task.WhenAll(Task.Run(cancellation.Cancel), Task.Run(input.Dispose));

            var error = await Record.ExceptionAsync(() => reading);
            Assert.True(error is ObjectDisposedException or OperationCanceledException, $"round {round}: {error}");
        }
    }

    [Fact]
    public async Task RefCloneUnref_Should_NeverTouchFreedMemory_When_PacketsAndFramesDisposedConcurrently()
    {
        using var input = InputContext.Open(TestMedia.Webm180p5s, new InputOptions { FindStreamInfo = false });
        using var template = new Packet();
        Assert.True(input.ReadPacket(template));
        using var picture = SyntheticMedia.Picture(64, 36, 0);
        var random = new Random(7);
        var disposedMidUse = 0;
        for (var i = 0; i < 1500; i++)
        {
            var packetSource = template.Clone();
            var packetTarget = new Packet();
            var frameSource = picture.Clone();
            var frameTarget = new Frame();
            using var start = new Barrier(2);
            var worker = Task.Run(() =>
            {
                start.SignalAndWait();
                try
                {
                    while (true)
                    {
                        packetTarget.Ref(packetSource);
                        using (var clone = packetSource.Clone())
                        {
                            clone.RescaleTimestamps(new Rational(1, 1000), Rational.Mpeg90kHz);
                        }

                        packetTarget.Unref();
                        frameTarget.Ref(frameSource);
                        frameTarget.MakeWritable();
                        frameTarget.Unref();
                    }
                }
                catch (ObjectDisposedException)
                {
                    Interlocked.Increment(ref disposedMidUse);
                }
            });
            start.SignalAndWait();
            Thread.SpinWait(random.Next(0, 20_000));
            packetSource.Dispose();
            frameSource.Dispose();
            packetTarget.Dispose();
            frameTarget.Dispose();
            await worker; // any exception other than ObjectDisposedException fails the test here
        }

        Assert.Equal(1500, disposedMidUse);
    }

    [Fact]
    public unsafe void OwnedHandle_Should_FreeOnLastLease_When_DisposedWhileLeased()
    {
        s_released = 0;
        var handle = new OwnedHandle<AVRational>(
            (AVRational*)NativeMemory.Alloc(8), &CountingFree);

        using (var outer = handle.Acquire())
        {
            using (var inner = handle.Acquire())
            {
                handle.Dispose();
                Assert.Throws<ObjectDisposedException>(() => { using var late = handle.Acquire(); });
                Assert.Equal(0, s_released);
                inner.Pointer->num = 1; // still ours
            }

            Assert.Equal(0, s_released);
            outer.Pointer->den = 2;
        }

        Assert.Equal(1, s_released);
        var error = Assert.Throws<ObjectDisposedException>(() => { using var lease = handle.Acquire(); });
        Assert.Equal("AVRational", error.ObjectName);
        handle.Dispose();
        Assert.Equal(1, s_released);
    }

    private static int s_released;

    private static unsafe void CountingFree(AVRational* pointer)
    {
        s_released++;
        NativeMemory.Free(pointer);
    }
}
