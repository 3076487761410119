using System.Net.Sockets;
using Ladder.Api.Pipeline;
using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Ingest;

/// <summary>Real peers: ffmpeg pushes the 720p clip in real time over RTMP, SRT and UDP into a listening input.</summary>
public sealed class LiveInputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RtmpPush_Should_ProduceEveryTrack()
    {
        var url = $"rtmp://127.0.0.1:{Ffmpeg.FreePort()}/live/secret-key";
        await using var run = PipelineRun.Start(Specs.Create(Specs.Input(url, InputProtocol.Rtmp, InputMode.Listen, ("listen", "1")), Ladder()));
        using var pusher = Push(run, $"-c copy -f flv {url}");

        AssertEveryTrackFlows(run);
        Assert.Equal("main", run.Pipeline.GetStatus().ActiveInput);
    }

    [Fact]
    public async Task SrtPush_Should_ProduceEveryTrack()
    {
        var port = Ffmpeg.FreePort(udp: true);
        await using var run = PipelineRun.Start(Specs.Create(
            Specs.Input($"srt://127.0.0.1:{port}", InputProtocol.Srt, InputMode.Listen, ("mode", "listener")), Ladder()));
        using var pusher = Push(run, $"-c copy -f mpegts srt://127.0.0.1:{port}?mode=caller");

        AssertEveryTrackFlows(run);
    }

    [Fact]
    public async Task UdpMpegTs_Should_ProduceEveryTrack()
    {
        var port = Ffmpeg.FreePort(udp: true);
        await using var run = PipelineRun.Start(Specs.Create(UdpInput(port), Ladder()));
        using var pusher = Push(run, $"-c copy -f mpegts udp://127.0.0.1:{port}?pkt_size=1316");

        AssertEveryTrackFlows(run);
    }

    [Fact]
    public async Task PusherThatDisconnects_Should_ShowReconnecting_And_FlowAgainWhenItReturns()
    {
        var url = $"rtmp://127.0.0.1:{Ffmpeg.FreePort()}/live/secret-key";
        await using var run = PipelineRun.Start(Specs.Create(Specs.Input(url, InputProtocol.Rtmp, InputMode.Listen, ("listen", "1")) with { StreamKey = "secret-key" }, Ladder()));
        using (Push(run, $"-t 2 -c copy -f flv {url}"))
        {
            AssertEveryTrackFlows(run);
            var lost = run.WaitForState("ingest/main", StageState.Reconnecting, Timeout);
            Assert.Matches("^(input 'main' ended: the sender closed the stream|input 'main' broke off|no packet for \\d+ s from input 'main')", lost.Error);
            Assert.Null(run.Pipeline.GetStatus().ActiveInput);
        }

        // While the input is down the encoders repeat the last picture, so the track keeps advancing.
        var before = run.Sink.LatestPts("90p");
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.LatestPts("90p") > before + 1, Timeout), "the 90p track stopped while the input was down");
        using var again = Push(run, $"-c copy -f flv {url}");
        var resumed = run.Sink.LatestPts("90p");
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.LatestPts("90p") > resumed + 1, Timeout), "no packets after the pusher returned");
        Assert.Equal(StageState.Running, run.Stage("ingest/main").State);
        Assert.DoesNotContain("secret-key", run.Stage("ingest/main").Detail ?? string.Empty, StringComparison.Ordinal);
        Assert.All(run.Pipeline.GetStatus().Stages.Where(s => s.Kind == "encode"), s => Assert.Equal(StageState.Running, s.State));
    }

    [Fact]
    public async Task GarbageOnUdp_Should_ShowTheInputFailing_And_RecoverWhenGoodMpegTsArrives()
    {
        var port = Ffmpeg.FreePort(udp: true);
        await using var run = PipelineRun.Start(Specs.Create(UdpInput(port), Ladder()));
        using (var garbage = new UdpClient())
        {
            var bytes = new byte[1316];
            Random.Shared.NextBytes(bytes);
            var deadline = DateTime.UtcNow + Timeout;
            while (run.Stage("ingest/main").State != StageState.Reconnecting && DateTime.UtcNow < deadline)
            {
                garbage.Send(bytes, bytes.Length, "127.0.0.1", port);
                Thread.Sleep(2);
            }
        }

        var failing = run.Stage("ingest/main");
        Assert.Equal(StageState.Reconnecting, failing.State);
        Assert.StartsWith("input 'main'", failing.Error, StringComparison.Ordinal);
        Assert.Empty(run.Sink.Packets("90p"));

        using var pusher = Push(run, $"-c copy -f mpegts udp://127.0.0.1:{port}?pkt_size=1316");
        AssertEveryTrackFlows(run);
    }

    private static PipelineRendition[] Ladder() => [Specs.Rendition("90p", 160, 90)];

    private static PipelineInput UdpInput(int port) =>
        Specs.Input($"udp://127.0.0.1:{port}", InputProtocol.Udp, InputMode.Listen, ("overrun_nonfatal", "1"), ("fifo_size", "50000"));

    /// <summary>Starts ffmpeg pushing the clip in real time, restarting it until the input runs (the listener may not be up yet).</summary>
    private static Ffmpeg Push(PipelineRun run, string output)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var pusher = Ffmpeg.Start($"-v error -re -i {TestMedia.Mp4720p30s} {output}");
            if (CollectingSink.WaitUntil(() => run.Stage("ingest/main").State == StageState.Running || pusher.HasExited, Timeout) && !pusher.HasExited)
            {
                return pusher;
            }

            if (run.Stage("ingest/main").State == StageState.Running)
            {
                return pusher; // a short push that already ended after delivering
            }

            pusher.Dispose();
            Assert.True(DateTime.UtcNow < deadline, $"the pusher never got through: {System.Text.Json.JsonSerializer.Serialize(run.Stage("ingest/main"))}");
            Thread.Sleep(200);
        }
    }

    private static void AssertEveryTrackFlows(PipelineRun run) =>
        Assert.True(
            CollectingSink.WaitUntil(() => run.Sink.Packets("90p").Count > 24 && run.Sink.Packets("audio").Count > 24, Timeout),
            $"not every track produced packets: {System.Text.Json.JsonSerializer.Serialize(run.Pipeline.GetStatus())}");
}
