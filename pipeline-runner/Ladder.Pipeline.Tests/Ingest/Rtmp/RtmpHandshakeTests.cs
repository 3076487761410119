using System.Net;
using System.Net.Sockets;
using Ladder.Pipeline.Ingest.Rtmp;

namespace Ladder.Pipeline.Tests.Ingest.Rtmp;

public sealed class RtmpHandshakeTests
{
    [Fact]
    public async Task Accept_Should_AnswerS0S1S2WithAnEchoOfC1_When_TheClientSendsVersion3()
    {
        var (server, client) = await ConnectedPairAsync();
        using (server)
        using (client)
        {
            var c1 = new byte[RtmpHandshake.PacketSize];
            Random.Shared.NextBytes(c1);
            var accept = RtmpHandshake.AcceptAsync(server, CancellationToken.None);
            await client.WriteAsync(new byte[] { 3 }.Concat(c1).ToArray());

            var reply = new byte[1 + (2 * RtmpHandshake.PacketSize)];
            await client.ReadExactlyAsync(reply);
            await client.WriteAsync(reply.AsMemory(1, RtmpHandshake.PacketSize)); // C2: echo of S1
            await accept.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(3, reply[0]);
            Assert.Equal(new byte[4], reply[5..9]); // S1's zero field: the simple handshake
            Assert.Equal(c1, reply[(1 + RtmpHandshake.PacketSize)..]);
        }
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n\r\n", "HTTP request")]
    [InlineData("\u0006", "encrypted RTMP (RTMPE")]
    [InlineData("\u0016\u0003\u0001", "TLS handshake (rtmps://)")]
    [InlineData("\u00ff\u00ff", "first byte 0xff; RTMP starts with version 3")]
    public async Task Accept_Should_RefuseWithAClearMessage_When_TheFirstByteIsNotRtmp(string sent, string message)
    {
        var (server, client) = await ConnectedPairAsync();
        using (server)
        using (client)
        {
            await client.WriteAsync(sent.Select(c => (byte)c).ToArray());

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => RtmpHandshake.AcceptAsync(server, CancellationToken.None));

            Assert.Contains(message, error.Message, StringComparison.Ordinal);
        }
    }

    private static async Task<(NetworkStream Server, NetworkStream Client)> ConnectedPairAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            var server = await listener.AcceptTcpClientAsync();
            return (new NetworkStream(server.Client, ownsSocket: true), new NetworkStream(client.Client, ownsSocket: true));
        }
        finally
        {
            listener.Stop();
        }
    }
}
