using System.Diagnostics;
using Ladder.LibAv.Tests.Support;

namespace Ladder.LibAv.Tests.Formats;

/// <summary><see cref="InputContext.Open(Stream, string, InputOptions, CancellationToken)"/>: a demuxer on a managed stream through a custom read-only AVIOContext.</summary>
public sealed class StreamInputTests
{
    private static readonly Lazy<byte[]> Flv = new(() =>
    {
        using var file = new TempFile(".flv");
        using var process = Process.Start(new ProcessStartInfo("ffmpeg", $"-v error -y -t 3 -i {TestMedia.Mp4720p30s} -c copy -f flv {file.Path}") { RedirectStandardError = true })!;
        process.WaitForExit();
        return File.ReadAllBytes(file.Path);
    });

    [Fact]
    public void ReadPacket_Should_DemuxEveryPacketAndEnd_When_TheStreamHoldsAnFlvFile()
    {
        using var input = InputContext.Open(new TrickleStream(Flv.Value, stallAt: int.MaxValue), "memory:test", new InputOptions { Format = "flv" });
        using var packet = new Packet();

        var video = 0;
        while (input.ReadPacket(packet))
        {
            video += packet.StreamIndex == input.FindStream(MediaType.Video)!.Index ? 1 : 0;
        }

        Assert.Equal("h264", input.FindStream(MediaType.Video)!.CodecName);
        Assert.Equal("aac", input.FindStream(MediaType.Audio)!.CodecName);
        Assert.InRange(video, 70, 74); // 3 s at 24 fps
    }

    [Fact]
    public void ReadPacket_Should_TimeOut_When_TheStreamStallsMidway()
    {
        using var input = InputContext.Open(new TrickleStream(Flv.Value, stallAt: Flv.Value.Length / 2), "memory:stall", new InputOptions { Format = "flv", ReadTimeout = TimeSpan.FromSeconds(1) });
        using var packet = new Packet();
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<FFmpegTimeoutException>(() =>
        {
            while (input.ReadPacket(packet))
            {
                clock.Restart();
            }
        });

        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 5);
        Assert.Contains("av_read_frame(\"memory:stall\") timed out after 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPacket_Should_RethrowTheStreamsError_When_TheSourceFails()
    {
        using var input = InputContext.Open(new TrickleStream(Flv.Value, stallAt: Flv.Value.Length / 2, failAtStall: true), "memory:fail", new InputOptions { Format = "flv" });
        using var packet = new Packet();

        var error = Assert.Throws<IOException>(() =>
        {
            while (input.ReadPacket(packet))
            {
            }
        });

        Assert.Equal("the sender's connection broke", error.Message);
    }

    [Fact]
    public void Dispose_Should_AbortABlockedReadAndFreeTheCustomIo_When_CalledFromAnotherThread()
    {
        var source = new TrickleStream(Flv.Value, stallAt: Flv.Value.Length / 2);
        var input = InputContext.Open(source, "memory:dispose", new InputOptions { Format = "flv", ReadTimeout = TimeSpan.FromSeconds(30) });
        using var packet = new Packet();
        var reading = Task.Run(() =>
        {
            while (input.ReadPacket(packet))
            {
            }
        });
        Assert.True(SpinWait.SpinUntil(() => source.Stalled, TimeSpan.FromSeconds(10)), "the read never reached the stall");

        input.Dispose();

        Assert.IsType<ObjectDisposedException>(Assert.Throws<AggregateException>(() => reading.Wait(TimeSpan.FromSeconds(5))).InnerException);
        Assert.True(source.Disposed, "the input did not dispose its source");
    }

    [Fact]
    public void Open_Should_RethrowAndDisposeTheSource_When_TheSourceFailsWhileProbing()
    {
        var source = new TrickleStream(Flv.Value, stallAt: 0, failAtStall: true);

        var error = Assert.Throws<IOException>(() => InputContext.Open(source, "memory:broken", new InputOptions { Format = "flv" }));

        Assert.Equal("the sender's connection broke", error.Message);
        Assert.True(source.Disposed);
    }

    [Fact]
    public void Open_Should_RefuseAStream_When_ItCannotTimeOut()
    {
        var error = Assert.Throws<ArgumentException>(() => InputContext.Open(new MemoryStream(Flv.Value), "memory:plain", new InputOptions { Format = "flv" }));

        Assert.Contains("ReadTimeout", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Gives the bytes up to <c>stallAt</c> in small reads, then waits (throwing <see cref="TimeoutException"/> after each ReadTimeout) or fails.</summary>
    private sealed class TrickleStream(byte[] bytes, int stallAt, bool failAtStall = false) : Stream
    {
        private int _position;

        public bool Stalled { get; private set; }

        public bool Disposed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override bool CanTimeout => true;

        public override int ReadTimeout { get; set; } = System.Threading.Timeout.Infinite;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= stallAt)
            {
                Stalled = true;
                Thread.Sleep(ReadTimeout);
                throw failAtStall ? new IOException("the sender's connection broke") : new TimeoutException();
            }

            var take = Math.Min(Math.Min(count, 1000), Math.Min(bytes.Length, stallAt) - _position);
            Array.Copy(bytes, _position, buffer, offset, take);
            _position += take;
            return take;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
