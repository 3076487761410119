using System.Diagnostics;
using Ladder.LibAv.Tests.Support;

namespace Ladder.LibAv.Tests.Formats;

public sealed class InterruptTests
{
    [Fact]
    public void Open_Should_FailFastWithConnectionRefused_When_RtmpPortIsClosed()
    {
        var url = $"rtmp://127.0.0.1:{FreePorts.Tcp()}/live/x";
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<FFmpegException>(() => InputContext.Open(url, new InputOptions { OpenTimeout = TimeSpan.FromSeconds(3) }));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal($"avformat_open_input(\"{url}\") failed: Connection refused (-111)", error.Message);
    }

    [Fact]
    public void Open_Should_TimeOutNamingUrlAndTimeout_When_UdpInputReceivesNothing()
    {
        var url = $"udp://127.0.0.1:{FreePorts.Udp()}";
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<FFmpegTimeoutException>(() => InputContext.Open(url, new InputOptions { OpenTimeout = TimeSpan.FromSeconds(1) }));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Contains(url, error.Message);
        Assert.Contains("timed out after 1 s", error.Message);
    }

    [Fact]
    public void Open_Should_StopPromptly_When_CancelledWhileUdpInputReceivesNothing()
    {
        var url = $"udp://127.0.0.1:{FreePorts.Udp()}";
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() => InputContext.Open(url, new InputOptions { OpenTimeout = TimeSpan.FromSeconds(30) }, cancellation.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void ReadPacket_Should_TimeOut_When_TheUdpSenderStops()
    {
        // The read that times out makes the demuxer flush what it parsed (packets) and leaves AVERROR_EXIT on the
        // AVIOContext; the read after it returns that error at once: still the timeout, not an "Immediate exit".
        var url = $"udp://127.0.0.1:{FreePorts.Udp()}";
        using var sender = Process.Start(new ProcessStartInfo("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-re", "-t", "3", "-i", TestMedia.Mp4720p30s, "-c", "copy", "-f", "mpegts", url + "?pkt_size=1316"]))!;
        using var input = InputContext.Open(url, new InputOptions { Format = "mpegts", ReadTimeout = TimeSpan.FromSeconds(1), OpenTimeout = TimeSpan.FromSeconds(10) });
        using var packet = new Packet();
        var packets = 0;

        var error = Assert.ThrowsAny<FFmpegException>(() =>
        {
            while (input.ReadPacket(packet))
            {
                packets++;
            }
        });

        Assert.True(packets > 24, $"only {packets} packets before the sender stopped");
        Assert.IsType<FFmpegTimeoutException>(error);
        Assert.Contains("timed out after 1 s", error.Message, StringComparison.Ordinal);
        sender.WaitForExit();
    }

    [Fact]
    public void ReadPacket_Should_StopPromptly_When_CancelledWhileSourceStalls()
    {
        // A TCP source that sends the first 256 KiB of a real MPEG-TS clip, then stalls with the connection open.
        using var source = new StallingTcpSource(File.ReadAllBytes(TestMedia.Hevc1080p5sTs).AsMemory(0, 256 * 1024));
        using var input = InputContext.Open(
            source.Url,
            new InputOptions { Format = "mpegts", FindStreamInfo = false, ReadTimeout = TimeSpan.FromSeconds(30) });
        using var packet = new Packet();
        using var cancellation = new CancellationTokenSource();
        var packets = 0;
        var clock = new Stopwatch();
        var error = Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            while (input.ReadPacket(packet, cancellation.Token))
            {
                if (++packets == 1)
                {
                    clock.Start();
                    cancellation.CancelAfter(TimeSpan.FromMilliseconds(500));
                }
            }
        });

        Assert.True(packets > 1, "packets flowed before the stall");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"cancellation took {clock.Elapsed}");
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }
}
