using System.Net;
using System.Net.Sockets;
using Ladder.Api.Pipeline;
using Ladder.Pipeline.Graph;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Metrics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ladder.Bench.Failover;

/// <summary>
/// Failover gap: a primary SRT listener and a backup RTMP listener, both fed by real-time ffmpeg pushers; once both are
/// healthy the primary pusher is killed. The figure is the media time lost (ms): on the output timeline, from the end of
/// the primary's last forwarded packet to the backup's first (its next keyframe), as the pipeline records it per switch.
/// Each trial also splits the wall time after the kill into its two parts: until the switch is decided (the input
/// timeout running out, which is Ladder's) and from there until the backup's first packet goes out (the wait for the
/// backup's next keyframe, whose phase is the peer's and uniform over its GOP).
/// </summary>
internal static class FailoverBench
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>One failover: media gap, and the wall time from the kill to the switch and from the switch to the backup's first packet (ms).</summary>
    public readonly record struct Trial(double GapMs, double DetectMs, double KeyframeWaitMs);

    /// <summary>Runs <paramref name="trials"/> failovers with <c>failover.inputTimeout</c> = <paramref name="inputTimeout"/> seconds.</summary>
    public static IReadOnlyList<Trial> Run(double inputTimeout, int trials)
    {
        var results = new List<Trial>();
        for (var i = 0; i < trials; i++)
        {
            results.Add(Once(inputTimeout));
        }

        return results;
    }

    private static Trial Once(double inputTimeout)
    {
        var srtPort = FreePort(SocketType.Dgram, ProtocolType.Udp);
        var rtmpUrl = $"rtmp://127.0.0.1:{FreePort(SocketType.Stream, ProtocolType.Tcp)}/live/backup";
        var spec = BenchSpecs.Create(
            [
                BenchSpecs.Listen("primary", InputProtocol.Srt, $"srt://127.0.0.1:{srtPort}", ("mode", "listener")),
                BenchSpecs.Listen("backup", InputProtocol.Rtmp, rtmpUrl, ("listen", "1")),
            ],
            inputTimeout,
            failbackDelay: 600);
        var pipeline = LivePipeline.Start(spec, new NullSink(), new MediaTimeline(DateTimeOffset.UtcNow), NullLoggerFactory.Instance, new PipelineMetrics(Prometheus.Metrics.NewCustomRegistry()));
        try
        {
            using var backup = FfmpegPusher.Start(320, 180, 30, $"-f flv {rtmpUrl}");
            using var primary = FfmpegPusher.Start(320, 180, 30, $"-f mpegts srt://127.0.0.1:{srtPort}?mode=caller");
            Wait.For(() => pipeline.ActiveInput == "primary" && pipeline.GetStatus().Inputs!.All(s => s.Healthy), Timeout, "healthy inputs with the primary active");
            Thread.Sleep(TimeSpan.FromSeconds(2) + TimeSpan.FromMilliseconds(Random.Shared.Next(1000))); // stop at a random point of the GOP
            var killed = DateTimeOffset.UtcNow;
            primary.Dispose();
            Wait.For(() => pipeline.InputSwitches is [_, ..], Timeout, "switch");
            var decided = pipeline.InputSwitches[0].Time;
            Wait.For(() => pipeline.InputSwitches is [{ MediaGapSeconds: not null }, ..], Timeout, "failover", pollMs: 1);
            var delivered = DateTimeOffset.UtcNow;
            return new Trial(pipeline.InputSwitches[0].MediaGapSeconds!.Value * 1000, (decided - killed).TotalMilliseconds, (delivered - decided).TotalMilliseconds);
        }
        finally
        {
            pipeline.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static int FreePort(SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
