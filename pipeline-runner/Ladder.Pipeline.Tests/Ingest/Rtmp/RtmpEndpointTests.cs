using Ladder.Pipeline.Ingest.Rtmp;

namespace Ladder.Pipeline.Tests.Ingest.Rtmp;

public sealed class RtmpEndpointTests
{
    [Theory]
    [InlineData("rtmp://0.0.0.0:1936/live/k-1", "0.0.0.0:1936", "live")]
    [InlineData("rtmp://127.0.0.1/live/k-1", "127.0.0.1:1935", "live")]
    [InlineData("rtmp://[::]:1935/app/inst/k-1", "[::]:1935", "app/inst")]
    public void Parse_Should_SplitAddressApplicationAndKey_When_TheUrlEndsWithTheKey(string url, string address, string application)
    {
        var endpoint = RtmpEndpoint.Parse(url);

        Assert.Equal(address, endpoint.Address.ToString());
        Assert.Equal(application, endpoint.Application);
        Assert.True(endpoint.RequiresKey);
        Assert.True(endpoint.IsKey("k-1"));
        Assert.True(endpoint.IsKey("k-1?token=x")); // a client's query is not part of the key
        Assert.False(endpoint.IsKey("k-2"));
        Assert.False(endpoint.IsKey("k-1x"));
        Assert.False(endpoint.IsKey(null));
        Assert.True(endpoint.IsApplication(application + "/"));
        Assert.False(endpoint.IsApplication("other"));
    }

    [Fact]
    public void Parse_Should_AcceptAnyKey_When_TheUrlNamesOnlyTheApplication()
    {
        var endpoint = RtmpEndpoint.Parse("rtmp://0.0.0.0:1935/live");

        Assert.Equal("live", endpoint.Application);
        Assert.False(endpoint.RequiresKey);
        Assert.True(endpoint.IsKey("anything"));
    }

    [Theory]
    [InlineData("rtmp://0.0.0.0:1935", "needs an application")]
    [InlineData("srt://0.0.0.0:9000/live/k", "rtmp://host:port/app/key")]
    public void Parse_Should_ThrowWithTheExpectedShape_When_TheUrlIsNotAnRtmpListenUrl(string url, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => RtmpEndpoint.Parse(url));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
