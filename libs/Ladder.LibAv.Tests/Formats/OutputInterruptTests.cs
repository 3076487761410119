using System.Diagnostics;
using Ladder.LibAv.Tests.Support;

namespace Ladder.LibAv.Tests.Formats;

public sealed class OutputInterruptTests
{
    [Fact]
    public void Create_Should_FailFastWithConnectionRefused_When_RtmpPortIsClosed()
    {
        var url = $"rtmp://127.0.0.1:{FreePorts.Tcp()}/live/x";
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<FFmpegException>(() => OutputContext.Create(url, new OutputOptions { Format = "flv", OpenTimeout = TimeSpan.FromSeconds(3) }));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal($"avio_open2(\"{url}\") failed: Connection refused (-111)", error.Message);
    }

    [Fact]
    public void WriteInterleaved_Should_TimeOutNamingUrl_When_TcpPeerAcceptsButNeverReads()
    {
        using var sink = new NonReadingTcpSink();
        using var remux = Remux.Open(sink.Url, TimeSpan.FromSeconds(1));

        var (error, callTime) = remux.PumpUntilFailure(CancellationToken.None);

        var timeout = Assert.IsType<FFmpegTimeoutException>(error);
        Assert.InRange(callTime, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(1), timeout.Timeout);
        Assert.Contains($"av_interleaved_write_frame(\"{sink.Url}\") timed out after 1 s without any bytes going out", timeout.Message);
        Assert.True(remux.Packets > 1, "packets went out before the peer's buffers filled");
    }

    [Fact]
    public void WriteInterleaved_Should_StopPromptly_When_CancelledWhileBlockedOnPeerThatNeverReads()
    {
        using var sink = new NonReadingTcpSink();
        using var remux = Remux.Open(sink.Url, TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        var (error, _) = remux.PumpUntilFailure(cancellation.Token);

        var cancelled = Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Equal(cancellation.Token, cancelled.CancellationToken);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.45), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Dispose_Should_AbortBlockedWriteAndFreeAfterIt_When_CalledFromAnotherThread()
    {
        using var sink = new NonReadingTcpSink();
        using var remux = Remux.Open(sink.Url, TimeSpan.FromSeconds(30));
        var writing = Task.Run(() => remux.PumpUntilFailure(CancellationToken.None));
        await Task.Delay(500); // long enough for the socket buffers to fill and the write to block
        Assert.False(writing.IsCompleted, "the write should be blocked on the peer");
        var clock = Stopwatch.StartNew();

        remux.Output.Dispose();
        var (error, _) = await writing;

        Assert.IsType<ObjectDisposedException>(error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the aborted write took {clock.Elapsed} to return");
        using var packet = new Packet();
        Assert.Throws<ObjectDisposedException>(() => remux.Output.WriteInterleaved(packet));
        Assert.Throws<ObjectDisposedException>(() => remux.Output.GetTimeBase(0));
    }

    /// <summary>Stream-copies the video of a real MPEG-TS clip to an mpegts output over TCP, looping the clip.</summary>
    private sealed class Remux : IDisposable
    {
        private readonly MediaDictionary _tcpOptions;
        private InputContext _input;

        private Remux(InputContext input, OutputContext output, MediaDictionary tcpOptions)
        {
            _input = input;
            Output = output;
            _tcpOptions = tcpOptions;
        }

        public OutputContext Output { get; }

        public int Packets { get; private set; }

        public static Remux Open(string url, TimeSpan writeTimeout)
        {
            var input = OpenInput();
            var tcpOptions = new MediaDictionary { { "send_buffer_size", "8192" } };
            var output = OutputContext.Create(url, new OutputOptions { Format = "mpegts", Options = tcpOptions, WriteTimeout = writeTimeout });
            output.AddStream(input.FindStream(MediaType.Video)!);
            output.WriteHeader();
            return new Remux(input, output, tcpOptions);
        }

        /// <summary>Writes packets until a write throws; returns the exception and how long that call ran.</summary>
        public (Exception Error, TimeSpan CallTime) PumpUntilFailure(CancellationToken cancellationToken)
        {
            using var packet = new Packet();
            long offset = 0;
            long lastDts = 0;
            for (var loop = 0; loop < 20; loop++)
            {
                var video = _input.FindStream(MediaType.Video)!;
                while (_input.ReadPacket(packet, cancellationToken))
                {
                    if (packet.StreamIndex != video.Index)
                    {
                        continue;
                    }

                    packet.StreamIndex = 0;
                    packet.RescaleTimestamps(video.TimeBase, Output.GetTimeBase(0));
                    packet.Pts += offset;
                    packet.Dts += offset;
                    lastDts = packet.Dts;
                    var call = Stopwatch.StartNew();
                    try
                    {
                        Output.WriteInterleaved(packet, cancellationToken);
                        Packets++;
                    }
                    catch (Exception error) when (error is FFmpegException or OperationCanceledException or ObjectDisposedException)
                    {
                        return (error, call.Elapsed);
                    }
                }

                offset = lastDts + 90_000;
                _input.Dispose();
                _input = OpenInput();
            }

            throw new InvalidOperationException($"{Packets} packets went out and no write blocked: the peer's buffers never filled");
        }

        public void Dispose()
        {
            Output.Dispose();
            _input.Dispose();
            _tcpOptions.Dispose();
        }

        private static InputContext OpenInput() => InputContext.Open(TestMedia.Hevc1080p5sTs, new InputOptions { FindStreamInfo = false });
    }
}
