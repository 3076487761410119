using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ladder.Api.Pipeline;
using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Ingest.Rtmp;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Ingest.Rtmp;

/// <summary>The RTMP listen input against the real ffmpeg CLI as publisher and hostile raw TCP clients.</summary>
public sealed class RtmpAuthenticationTests
{
    private const string Key = "right-key-5f0c";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Publish_Should_BeRefusedWithBadName_And_DeliverNothing_When_TheKeyIsWrong()
    {
        var (run, port) = Start();
        await using (run)
        {
            var (exitCode, error) = Ffmpeg.RunToExit($"-re -i {TestMedia.Mp4720p30s} -c copy -f flv rtmp://127.0.0.1:{port}/live/wrong-key-77", TimeSpan.FromSeconds(30));

            Assert.NotEqual(0, exitCode);
            Assert.Contains("Server error: Wrong stream key.", error, StringComparison.Ordinal);
            var ingest = run.Stage("ingest/main");
            Assert.StartsWith("publisher refused: wrong stream key (from 127.0.0.1:", ingest.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-key-77", ingest.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, System.Text.Json.JsonSerializer.Serialize(run.Pipeline.GetStatus()), StringComparison.Ordinal);
            Assert.Empty(run.Sink.Packets("90p"));
            Assert.Empty(run.Sink.Packets("audio"));
        }
    }

    [Fact]
    public async Task Publish_Should_StartWithinSeconds_When_ASilentClientConnectedFirst()
    {
        var (run, port) = Start();
        await using (run)
        {
            using var silent = new TcpClient();
            await silent.ConnectAsync(IPAddress.Loopback, port);

            var clock = Stopwatch.StartNew();
            using var pusher = Publish(port);
            Assert.True(CollectingSink.WaitUntil(() => run.Sink.Packets("90p").Count > 0, Timeout), $"no packet: {run.Stage("ingest/main").Error}");

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the first packet took {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(
                CollectingSink.WaitUntil(() => run.Stage("ingest/main").State == StageState.Running && run.Sink.Packets("audio").Count > 10, Timeout),
                "audio did not flow");
        }
    }

    [Fact]
    public async Task Connection_Should_BeDroppedWithAClearMessage_When_TheHandshakeIsGarbageOrSilent()
    {
        var (run, port) = Start();
        await using (run)
        {
            using var garbage = new TcpClient();
            await garbage.ConnectAsync(IPAddress.Loopback, port);
            await garbage.GetStream().WriteAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());

            Assert.Equal(0, await garbage.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(TimeSpan.FromSeconds(10))); // closed at once
            Assert.True(
                CollectingSink.WaitUntil(() => run.Stage("ingest/main").Error?.Contains("sent an HTTP request, not an RTMP handshake", StringComparison.Ordinal) == true, Timeout),
                $"status: {run.Stage("ingest/main").Error}");

            using var silent = new TcpClient();
            await silent.ConnectAsync(IPAddress.Loopback, port);
            var clock = Stopwatch.StartNew();
            Assert.Equal(0, await silent.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.InRange(clock.Elapsed.TotalSeconds, 4, 15);
            Assert.True(
                CollectingSink.WaitUntil(() => run.Stage("ingest/main").Error?.Contains("did not complete the RTMP handshake within 5 s", StringComparison.Ordinal) == true, Timeout),
                $"status: {run.Stage("ingest/main").Error}");
        }
    }

    [Fact]
    public async Task Connection_Should_BeDropped_When_AClientHandshakesButNeverPublishes()
    {
        var (run, port) = Start();
        await using (run)
        {
            using var idle = new TcpClient();
            await idle.ConnectAsync(IPAddress.Loopback, port);
            var stream = idle.GetStream();
            await stream.WriteAsync(new byte[1 + 1536].Select((_, i) => i == 0 ? (byte)3 : (byte)0).ToArray());
            await stream.ReadExactlyAsync(new byte[1 + (2 * 1536)]);
            await stream.WriteAsync(new byte[1536]); // C2, then nothing

            Assert.Equal(0, await stream.ReadAsync(new byte[16]).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.True(
                CollectingSink.WaitUntil(() => run.Stage("ingest/main").Error?.Contains("it did not start publishing within 5 s", StringComparison.Ordinal) == true, Timeout),
                $"status: {run.Stage("ingest/main").Error}");
        }
    }

    [Fact]
    public async Task Publisher_Should_BeDroppedAndLetTheNextOneIn_When_ItPublishesButSendsNoMedia()
    {
        var (run, port) = Start();
        await using (run)
        {
            using var mute = new TcpClient();
            await mute.ConnectAsync(IPAddress.Loopback, port);
            var stream = mute.GetStream();
            await stream.WriteAsync(new byte[1 + 1536].Select((_, i) => i == 0 ? (byte)3 : (byte)0).ToArray());
            await stream.ReadExactlyAsync(new byte[1 + (2 * 1536)]);
            await stream.WriteAsync(new byte[1536]);
            var writer = new RtmpChunkWriter(stream);
            await writer.WriteAsync(3, new RtmpMessage(RtmpMessage.Command, 0, 0, Amf0.Encode("connect", 1.0, new Dictionary<string, object?> { ["app"] = "live" })), CancellationToken.None);
            await writer.WriteAsync(3, new RtmpMessage(RtmpMessage.Command, 0, 0, Amf0.Encode("createStream", 2.0, null)), CancellationToken.None);
            await writer.WriteAsync(8, new RtmpMessage(RtmpMessage.Command, 1, 0, Amf0.Encode("publish", 0.0, null, Key, "live")), CancellationToken.None);
            var clock = Stopwatch.StartNew();

            var replies = new byte[65536];
            while (await stream.ReadAsync(replies).AsTask().WaitAsync(TimeSpan.FromSeconds(60)) > 0)
            {
            }

            Assert.InRange(clock.Elapsed.TotalSeconds, 5, 40); // dropped when probing its stream timed out (10 s)
            using var next = Publish(port);
            Assert.True(CollectingSink.WaitUntil(() => run.Sink.Packets("90p").Count > 0, Timeout), $"the next publisher got nothing through: {run.Stage("ingest/main").Error}");
        }
    }

    [Fact]
    public async Task Publisher_Should_BeDroppedAndLetTheNextOneIn_When_ItHangsAfterDelivering()
    {
        var (run, port) = Start();
        await using (run)
        {
            using var hung = Publish(port);
            Assert.True(CollectingSink.WaitUntil(() => run.Sink.Packets("90p").Count > 0, Timeout), $"no packet: {run.Stage("ingest/main").Error}");

            hung.Suspend(); // connected, silent: the session times out (5 s, the least it waits) and must let go of it
            run.WaitForState("ingest/main", StageState.Reconnecting, Timeout);
            var before = run.Sink.Packets("90p").Count;
            using var next = Publish(port);

            Assert.True(
                CollectingSink.WaitUntil(() => run.Sink.Packets("90p").Count > before + 24, Timeout),
                $"the next publisher got nothing through: {run.Stage("ingest/main").Error}");
        }
    }

    [Fact]
    public async Task Publisher_Should_GiveWayToANewOne_When_ItHasSentNothingForTheInputTimeout()
    {
        var (run, port) = Start();
        await using (run)
        {
            using var hung = Publish(port);
            Assert.True(CollectingSink.WaitUntil(() => run.Sink.Packets("90p").Count > 0, Timeout), $"no packet: {run.Stage("ingest/main").Error}");

            hung.Suspend(); // connected and silent, like an encoder restarted without closing its connection
            Thread.Sleep(1500); // longer than the input timeout (1 s), shorter than the session's (5 s)
            var before = run.Stage("ingest/main").Counters.Items; // the encoders repeat the last picture meanwhile: count what is read
            using var next = Publish(port);

            Assert.True(
                CollectingSink.WaitUntil(() => run.Stage("ingest/main").Counters.Items > before + 48, Timeout),
                $"the next publisher got nothing through: {run.Stage("ingest/main").Error}; next: {next}");
            Assert.False(next.HasExited, $"the next publisher was refused: {next}");
        }
    }

    [Fact]
    public async Task Publish_Should_RefuseASecondPublisher_When_OneIsLive()
    {
        var (run, port) = Start();
        await using (run)
        {
            using var first = Publish(port);
            Assert.True(CollectingSink.WaitUntil(() => run.Sink.Packets("90p").Count > 0, Timeout), $"no packet: {run.Stage("ingest/main").Error}");

            var (exitCode, error) = Ffmpeg.RunToExit($"-re -i {TestMedia.Mp4720p30s} -c copy -f flv rtmp://127.0.0.1:{port}/live/{Key}", TimeSpan.FromSeconds(30));

            Assert.NotEqual(0, exitCode);
            Assert.Contains("Server error: Another sender is already publishing this stream.", error, StringComparison.Ordinal);
            Assert.False(first.HasExited);
            Assert.Equal(StageState.Running, run.Stage("ingest/main").State);
        }
    }

    /// <summary>A real-time publisher of the 720p clip with the right stream key.</summary>
    private static Ffmpeg Publish(int port) => Ffmpeg.Start($"-v error -re -i {TestMedia.Mp4720p30s} -c copy -f flv rtmp://127.0.0.1:{port}/live/{Key}");

    private static (PipelineRun Run, int Port) Start()
    {
        var port = Ffmpeg.FreePort();
        var input = Specs.Input($"rtmp://127.0.0.1:{port}/live/{Key}", InputProtocol.Rtmp, InputMode.Listen, ("listen", "1")) with { StreamKey = Key };
        var run = PipelineRun.Start(Specs.Create(input, [Specs.Rendition("90p", 160, 90)]));
        Assert.True(CollectingSink.WaitUntil(() => IsListening(port), TimeSpan.FromSeconds(10)), "the RTMP input never listened");
        return (run, port);
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
