using System.Net;
using System.Net.Sockets;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Push;
using Ladder.Pipeline.Secrets;
using Ladder.Pipeline.Tests.Packaging;

namespace Ladder.Pipeline.Tests.Push;

public sealed class PushTrackChangeTests(EncodedMediaFixture media) : IClassFixture<EncodedMediaFixture>
{
    [Fact]
    public async Task Destination_Should_ReconnectAtOnceWithoutAnError_When_ItsVideoTrackAnnouncesANewVersion()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connections = 0;
        using var stop = new CancellationTokenSource();
        var accept = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
                _ = client.GetStream().CopyToAsync(Stream.Null).ContinueWith(_ => client.Dispose(), TaskScheduler.Default);
            }
        });
        var target = new PipelinePushTarget("tcp", PushProtocol.Srt, "srt://unused", "high", ValueMap.Empty);
        using var outputs = new PushOutputs("ns/s", [target], PushTargets.Fast, null, null, null,
            _ => new PushEndpoint($"tcp://127.0.0.1:{port}", "mpegts", new Dictionary<string, string>(), SecretMasker.None));
        outputs.AddTrack(media.High.Track);
        PushTargets.WaitFor(() => outputs.GetStatus()[0].State == PushState.Live, TimeSpan.FromSeconds(10), () => outputs.GetStatus()[0].ToString());
        foreach (var packet in media.High.Packets.Take(48))
        {
            outputs.Write(packet);
        }
        PushTargets.WaitFor(() => outputs.GetStatus()[0].Packets >= 40, TimeSpan.FromSeconds(10), () => outputs.GetStatus()[0].ToString());

        var version2 = media.High.Track with { Version = 2 };
        outputs.AddTrack(version2);
        outputs.Write(new EncodedPacket(version2, media.High.Packets[48].Packet, true));
        PushTargets.WaitFor(() => outputs.GetStatus()[0] is { Reconnects: 1, State: PushState.Live }, TimeSpan.FromSeconds(10), () => outputs.GetStatus()[0].ToString());
        foreach (var packet in media.High.Packets.Skip(48).Take(48))
        {
            outputs.Write(new EncodedPacket(version2, packet.Packet, packet.StartsSegment));
        }
        PushTargets.WaitFor(() => outputs.GetStatus()[0].Packets >= 80, TimeSpan.FromSeconds(10), () => outputs.GetStatus()[0].ToString());

        var status = outputs.GetStatus()[0];
        Assert.Null(status.LastError);
        // The kernel completes a connection before the accept loop (a thread-pool task) takes it: wait for both.
        PushTargets.WaitFor(() => Volatile.Read(ref connections) >= 2, TimeSpan.FromSeconds(10), () => $"{Volatile.Read(ref connections)} connections accepted");
        Assert.Equal(2, Volatile.Read(ref connections));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accept);
    }
}
