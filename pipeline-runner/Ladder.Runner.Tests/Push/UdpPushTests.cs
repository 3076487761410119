using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.Push;

public sealed class UdpPushTests
{
    // Multicast (udp://239.255.0.1:PORT?localaddr=127.0.0.1&ttl=1) is not tested here: it needs a multicast route
    // on loopback, which CI sandboxes do not have; the muxer and protocol path is the same as unicast.
    [Fact]
    public async Task Push_Should_SendMpegTsDatagramsAReceiverProbesAs180pWithAac_When_TargetIsUnicastUdp()
    {
        var port = FreePort.Udp();
        await using var runner = await PushRunner.StartAsync($"{{ name: udp-out, url: \"udp://127.0.0.1:{port}\", rendition: 180p }}", "unused-key");
        var live = await runner.WaitForTargetStateAsync("live", TimeSpan.FromSeconds(30));
        Assert.Equal($"udp://127.0.0.1:{port}", live.GetProperty("url").GetString());
        // The log names the URL opened: seven TS packets per datagram.
        Assert.Contains($"udp://127.0.0.1:{port}?pkt_size=1316", runner.Process.Output, StringComparison.Ordinal);

        // UDP has no handshake: the receiver binds the port and reads what arrives from then on.
        await PushProbe.AssertRendition180pWithAacAsync($"udp://127.0.0.1:{port}?timeout=10000000");
        Assert.Equal(0, (await runner.TargetAsync()).GetProperty("reconnects").GetInt64());
    }
}
