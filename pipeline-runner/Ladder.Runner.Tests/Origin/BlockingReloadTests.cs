using System.Diagnostics;
using System.Net;
using System.Text;
using Ladder.Pipeline.Publishing;
using Ladder.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Ladder.Runner.Tests.Origin;

/// <summary>Blocking playlist reload (RFC 8216bis section 6.2.5.2) on the runner's origin over real HTTP on loopback.</summary>
public sealed class BlockingReloadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Path = "hls/720p/playlist.m3u8";
    private InProcessRunner _runner = null!;

    public async Task InitializeAsync()
    {
        _runner = await InProcessRunner.StartAsync();
        Publish(new PlaylistPosition(LastMsn: 10, PartMsn: 11, Part: 1, TargetDuration: 2));
    }

    public async Task DisposeAsync() => await _runner.DisposeAsync();

    [Theory]
    [InlineData("?_HLS_msn=10")]
    [InlineData("?_HLS_msn=11&_HLS_part=1")]
    [InlineData("?_HLS_msn=9&_HLS_part=7")]
    public async Task Get_Should_AnswerAtOnce_When_ThePlaylistAlreadyHoldsThePart(string query)
    {
        using var response = await _runner.Http.GetAsync("/" + Path + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Text(new PlaylistPosition(10, 11, 1, 2)), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_Should_AnswerAsSoonAsThePartIsPublished_When_ItIsAhead()
    {
        var pending = _runner.Http.GetAsync("/" + Path + "?_HLS_msn=11&_HLS_part=2");
        await Task.Delay(500);
        Assert.False(pending.IsCompleted, "answered before the part was published");

        Publish(new PlaylistPosition(10, 11, 2, 2));
        var published = Stopwatch.StartNew();
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(5));
        output.WriteLine($"answered {published.Elapsed.TotalMilliseconds:0.0} ms after the part was published");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Text(new PlaylistPosition(10, 11, 2, 2)), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_Should_AnswerEveryWaitingPlayer_When_ManyWaitForTheNextSegment()
    {
        const int players = 300;
        var threads = ThreadPool.ThreadCount;
        var pending = Enumerable.Range(0, players).Select(_ => _runner.Http.GetAsync("/" + Path + "?_HLS_msn=12")).ToList();
        await Task.Delay(1000);
        Assert.All(pending, p => Assert.False(p.IsCompleted));
        var blockedThreads = ThreadPool.ThreadCount;

        Publish(new PlaylistPosition(12, 12, 3, 2));
        var published = Stopwatch.StartNew();
        var responses = await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(10));
        output.WriteLine($"{players} blocked players: thread pool {threads} -> {blockedThreads} threads while blocked; all answered {published.Elapsed.TotalMilliseconds:0} ms after the publish");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.True(blockedThreads - threads < players / 3, $"{blockedThreads - threads} more thread-pool threads for {players} blocked requests");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [InlineData("?_HLS_msn=13", "more than two segments past the playlist's last segment (10)")]
    [InlineData("?_HLS_part=2", "_HLS_part needs _HLS_msn")]
    [InlineData("?_HLS_msn=-1", "is not a media sequence number")]
    [InlineData("?_HLS_msn=11&_HLS_part=x", "is not a part index")]
    public async Task Get_Should_Answer400_When_TheRequestIsTooFarAheadOrMalformed(string query, string reason)
    {
        var started = Stopwatch.StartNew();
        using var response = await _runner.Http.GetAsync("/" + Path + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"a refusal took {started.Elapsed}");
    }

    [Fact]
    public async Task Get_Should_Answer503AfterThreeTargetDurations_When_ThePartNeverComes()
    {
        Publish(new PlaylistPosition(10, 11, 1, TargetDuration: 1));
        var started = Stopwatch.StartNew();

        using var response = await _runner.Http.GetAsync("/" + Path + "?_HLS_msn=12");

        output.WriteLine($"503 after {started.Elapsed.TotalSeconds:0.00} s");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("_HLS_msn=12 was not published within three target durations (3 s)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.InRange(started.Elapsed.TotalSeconds, 2.9, 15);
    }

    [Theory]
    [InlineData("?_HLS_skip=YES", true)]
    [InlineData("?_HLS_msn=10&_HLS_skip=YES", true)]
    [InlineData("?_HLS_msn=10&_HLS_skip=v2", true)]
    [InlineData("?_HLS_skip=NO", false)]
    [InlineData("", false)]
    public async Task Get_Should_AnswerTheDeltaUpdate_When_HlsSkipIsAsked(string query, bool delta)
    {
        var position = new PlaylistPosition(10, 11, 1, 2);
        _runner.Runtime.Content.Publish(Path, new OriginResource(Encoding.UTF8.GetBytes(Text(position)), "application/vnd.apple.mpegurl", TimeSpan.FromSeconds(1))
        {
            Position = position,
            Delta = Encoding.UTF8.GetBytes("#EXTM3U\n# delta\n"),
        });

        using var response = await _runner.Http.GetAsync("/" + Path + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(delta ? "#EXTM3U\n# delta\n" : Text(position), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_Should_IgnoreTheDirectives_When_ThePlaylistIsNotLowLatency()
    {
        _runner.Runtime.Content.Publish("hls/360p/playlist.m3u8", "#EXTM3U\n", "application/vnd.apple.mpegurl", TimeSpan.FromSeconds(1));

        using var response = await _runner.Http.GetAsync("/hls/360p/playlist.m3u8?_HLS_msn=99");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private void Publish(PlaylistPosition position) =>
        _runner.Runtime.Content.Publish(Path, new OriginResource(Encoding.UTF8.GetBytes(Text(position)), "application/vnd.apple.mpegurl", TimeSpan.FromSeconds(1)) { Position = position });

    /// <summary>A stand-in playlist body that names its position, so a test sees which version it got.</summary>
    private static string Text(PlaylistPosition position) => $"#EXTM3U\n# {position.LastMsn} {position.PartMsn}.{position.Part}\n";
}
