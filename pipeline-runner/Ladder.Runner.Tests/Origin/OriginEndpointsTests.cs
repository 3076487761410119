using System.Net;
using System.Net.Http.Headers;
using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.Origin;

public sealed class OriginEndpointsTests : IAsyncLifetime
{
    private const string Playlist = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.000,\n0.m4s\n";
    private static readonly byte[] s_segment = [.. Enumerable.Range(0, 1000).Select(i => (byte)i)];
    private InProcessRunner _runner = null!;

    public async Task InitializeAsync()
    {
        _runner = await InProcessRunner.StartAsync();
        var content = _runner.Runtime.Content;
        content.Publish("hls/master.m3u8", "#EXTM3U\n", "application/vnd.apple.mpegurl", TimeSpan.FromSeconds(1));
        content.Publish("hls/360p/playlist.m3u8", Playlist, "application/vnd.apple.mpegurl", TimeSpan.FromSeconds(1));
        content.Publish("hls/360p/0.m4s", s_segment, "video/iso.segment", TimeSpan.FromDays(1));
        content.Publish("dash/manifest.mpd", "<MPD/>", "application/dash+xml", TimeSpan.FromSeconds(1));
    }

    public async Task DisposeAsync() => await _runner.DisposeAsync();

    [Theory]
    [InlineData("/hls/master.m3u8", "application/vnd.apple.mpegurl", 1)]
    [InlineData("/hls/360p/playlist.m3u8", "application/vnd.apple.mpegurl", 1)]
    [InlineData("/hls/360p/0.m4s", "video/iso.segment", 86400)]
    [InlineData("/dash/manifest.mpd", "application/dash+xml", 1)]
    public async Task Get_Should_ServeResource_With_ContentTypeCacheAndCors(string path, string contentType, int maxAge)
    {
        using var response = await _runner.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"public, max-age={maxAge}", string.Join(", ", response.Headers.GetValues("Cache-Control")));
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var expected = _runner.Runtime.Content.Get(path.TrimStart('/'))!.Content.ToArray();
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_Should_AnswerHeadersWithoutBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/hls/360p/0.m4s");
        using var response = await _runner.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(s_segment.Length, response.Content.Headers.ContentLength);
        Assert.Equal("video/iso.segment", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_Should_AnswerByteRange_When_RangeRequested()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hls/360p/0.m4s");
        request.Headers.Range = new RangeHeaderValue(100, 199);
        using var response = await _runner.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(s_segment[100..200], await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/hls/360p/1.m4s")]
    [InlineData("/hls/1080p/playlist.m3u8")]
    [InlineData("/dash/../hls/master.m3u8x")]
    public async Task Get_Should_Answer404NotCached_When_ResourceMissing(string path)
    {
        using var response = await _runner.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no-store", string.Join(", ", response.Headers.GetValues("Cache-Control")));
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Options_Should_AnswerCorsPreflight()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/hls/360p/0.m4s");
        request.Headers.Add("Origin", "https://player.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "range");
        using var response = await _runner.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("GET", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Equal("range", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")));
    }
}
