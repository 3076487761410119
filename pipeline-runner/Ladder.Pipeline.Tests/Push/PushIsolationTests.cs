using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.LibAv;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Push;
using Ladder.Pipeline.Secrets;
using Ladder.Pipeline.Tests.Packaging;

namespace Ladder.Pipeline.Tests.Push;

public sealed class PushIsolationTests(EncodedMediaFixture media) : IClassFixture<EncodedMediaFixture>
{
    [Fact]
    public async Task Write_Should_NeverBlockNorStallTheOtherDestination_When_OnePeerAcceptsButNeverReads()
    {
        // Two MPEG-TS over TCP destinations: one peer reads everything, the other accepts and never reads, with
        // small socket buffers so its writes stall within a few KB.
        using var reader = new TcpListener(IPAddress.Loopback, 0);
        reader.Start();
        using var blackHole = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        blackHole.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        blackHole.Listen(4);
        var readerPort = ((IPEndPoint)reader.LocalEndpoint).Port;
        var holePort = ((IPEndPoint)blackHole.LocalEndPoint!).Port;
        var received = new MemoryStream();
        var readTask = Task.Run(async () =>
        {
            using var client = await reader.AcceptTcpClientAsync();
            await client.GetStream().CopyToAsync(received);
        });

        var targets = new[]
        {
            new PipelinePushTarget("good", PushProtocol.Srt, "srt://unused", "high", ValueMap.Empty),
            new PipelinePushTarget("hole", PushProtocol.Srt, "srt://unused", "high", ValueMap.Empty),
        };
        var tcp = new Dictionary<string, string> { ["send_buffer_size"] = "4096" };
        using var outputs = new PushOutputs("ns/s", targets, PushTargets.Fast with { QueueCapacity = 1024 }, null, null, null,
            t => new PushEndpoint($"tcp://127.0.0.1:{(t.Name == "good" ? readerPort : holePort)}", "mpegts", tcp, SecretMasker.None));
        outputs.AddTrack(media.High.Track);
        outputs.AddTrack(media.Audio.Track);
        PushTargets.WaitFor(() => outputs.GetStatus().All(s => s.State == PushState.Live), TimeSpan.FromSeconds(10), () => string.Join("\n", outputs.GetStatus()));

        // 18 s of media (the 6 s encode three times, timestamps shifted) at about 6x real time.
        var slowest = TimeSpan.Zero;
        var written = 0;
        var packets = media.High.Packets.Concat(media.Audio.Packets)
            .OrderBy(p => p.Packet.Dts * p.Track.TimeBase.ToDouble()).ToList();
        var clock = Stopwatch.StartNew();
        for (var loop = 0; loop < 3; loop++)
        {
            foreach (var packet in packets)
            {
                var seconds = (loop * EncodedMediaFixture.Seconds) + (packet.Packet.Dts * packet.Track.TimeBase.ToDouble());
                var due = TimeSpan.FromSeconds(seconds / 6);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }
                using var copy = packet.Packet.Clone();
                var shift = Rational.Rescale((long)(loop * EncodedMediaFixture.Seconds * 1_000_000), Rational.Microseconds, packet.Track.TimeBase);
                copy.Pts += shift;
                copy.Dts += shift;
                var started = Stopwatch.GetTimestamp();
                outputs.Write(new EncodedPacket(packet.Track, copy, packet.StartsSegment));
                var took = Stopwatch.GetElapsedTime(started);
                slowest = took > slowest ? took : slowest;
                written++;
            }
        }

        PushTargets.WaitFor(() => outputs.GetStatus()[1] is { Reconnects: >= 1, LastError: not null }, TimeSpan.FromSeconds(10), () => string.Join("\n", outputs.GetStatus()));
        PushTargets.WaitFor(() => outputs.GetStatus()[0].Packets >= written - 10, TimeSpan.FromSeconds(10), () => string.Join("\n", outputs.GetStatus()));
        var good = outputs.GetStatus()[0];
        var hole = outputs.GetStatus()[1];

        Assert.True(slowest < TimeSpan.FromMilliseconds(50), $"a Write took {slowest.TotalMilliseconds} ms");
        Assert.Equal(PushState.Live, good.State);
        Assert.Equal(0, good.DroppedPackets);
        Assert.Equal(0, good.Reconnects);
        Assert.Null(good.LastError);
        Assert.Contains("stopped reading", hole.LastError, StringComparison.Ordinal);
        Assert.True(hole.Packets < good.Packets, $"the black hole took {hole.Packets} packets, as many as the reader's {good.Packets}");
        outputs.Dispose();
        await readTask.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(received.Length >= good.Bytes, $"the reader got {received.Length} bytes, less than the {good.Bytes} bytes of payload written");
    }
}
