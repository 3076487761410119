using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Pipeline.Push;

namespace Ladder.Pipeline.Tests.Push;

public sealed class PushEndpointTests
{
    [Fact]
    public void For_Should_MuxFlvToTheUrlWithTheKey_When_TargetIsRtmp()
    {
        var target = new PipelinePushTarget("yt", PushProtocol.Rtmp, "rtmp://a.rtmp.youtube.com/live2/abc-123", "720p", ValueMap.Empty) { StreamKey = "abc-123" };

        var endpoint = PushEndpoint.For(target);

        Assert.Equal("flv", endpoint.Format);
        Assert.Equal("rtmp://a.rtmp.youtube.com/live2/abc-123", endpoint.Url);
        Assert.Equal("rtmp://a.rtmp.youtube.com/live2/****", endpoint.MaskedUrl);
    }

    [Fact]
    public void For_Should_MuxFlvOverFfmpegsTlsRtmp_When_TargetIsRtmps()
    {
        var target = new PipelinePushTarget("fb", PushProtocol.Rtmps, "rtmps://live-api-s.facebook.com:443/rtmp/FB-key", "720p", ValueMap.Empty) { StreamKey = "FB-key" };

        var endpoint = PushEndpoint.For(target);

        Assert.Equal("flv", endpoint.Format);
        Assert.StartsWith("rtmps://live-api-s.facebook.com:443/rtmp/", endpoint.Url, StringComparison.Ordinal);
        Assert.Equal("rtmps://live-api-s.facebook.com:443/rtmp/****", endpoint.MaskedUrl);
    }

    [Fact]
    public void For_Should_MuxMpegTsAsSrtCallerWithLatencyInMicrosecondsAndStreamId_When_TargetIsSrt()
    {
        var options = new ValueMap([new("mode", "caller"), new("latency", "200000")]);
        var target = new PipelinePushTarget("srt-out", PushProtocol.Srt, "srt://ingest.example:9000", "source", options)
        {
            StreamKey = "#!::r=live/key,m=publish",
            Passphrase = "very-secret-passphrase",
        };

        var endpoint = PushEndpoint.For(target);

        Assert.Equal("mpegts", endpoint.Format);
        var uri = new Uri(endpoint.Url);
        var query = uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        Assert.Equal("caller", query["mode"]);
        Assert.Equal("200000", query["latency"]);
        Assert.Equal("1316", query["pkt_size"]);
        Assert.Equal("#!::r=live/key,m=publish", query["streamid"]);
        Assert.False(query.ContainsKey("passphrase"));
        Assert.Equal("very-secret-passphrase", endpoint.Options["passphrase"]);
        Assert.DoesNotContain("r=live", endpoint.MaskedUrl, StringComparison.Ordinal);
        Assert.Contains("streamid=****", endpoint.MaskedUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void For_Should_MuxMpegTsIn1316ByteDatagramsWithTheOptionsInTheQuery_When_TargetIsUdp()
    {
        var options = new ValueMap([new("localaddr", "10.0.0.5"), new("ttl", "4")]);
        var target = new PipelinePushTarget("mc", PushProtocol.Udp, "udp://239.1.1.1:5000", "360p", options);

        var endpoint = PushEndpoint.For(target);

        Assert.Equal("mpegts", endpoint.Format);
        Assert.Equal("udp://239.1.1.1:5000?localaddr=10.0.0.5&ttl=4&pkt_size=1316", endpoint.Url);
        Assert.Empty(endpoint.Options);
        Assert.Empty(endpoint.Masker.Secrets);
        Assert.Equal(endpoint.Url, endpoint.MaskedUrl);
    }

    [Fact]
    public void For_Should_KeepTheTargetsPacketSize_When_UdpTargetSetsPktSize()
    {
        var target = new PipelinePushTarget("playout", PushProtocol.Udp, "udp://10.0.0.7:5000", "360p", new ValueMap([new("pkt_size", "188")]));

        var endpoint = PushEndpoint.For(target);

        Assert.Equal("udp://10.0.0.7:5000?pkt_size=188", endpoint.Url);
    }

    [Fact]
    public void Mask_Should_HideKeyAndPassphrase_When_AnFfmpegErrorEchoesTheUrl()
    {
        var target = new PipelinePushTarget("srt-out", PushProtocol.Srt, "srt://h:1", "720p", ValueMap.Empty) { StreamKey = "key/with space", Passphrase = "pass-phrase-0123" };
        var endpoint = PushEndpoint.For(target);

        var masked = endpoint.Mask($"avio_open2(\"{endpoint.Url}\") failed: Connection refused; passphrase pass-phrase-0123; key key/with space");

        Assert.DoesNotContain("key/with space", masked, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString("key/with space"), masked, StringComparison.Ordinal);
        Assert.DoesNotContain("pass-phrase-0123", masked, StringComparison.Ordinal);
        Assert.Contains("****", masked, StringComparison.Ordinal);
    }
}
