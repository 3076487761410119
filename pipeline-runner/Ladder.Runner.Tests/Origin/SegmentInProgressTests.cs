using System.Diagnostics;
using System.Net;
using Ladder.Pipeline.Publishing;
using Ladder.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Ladder.Runner.Tests.Origin;

/// <summary>
/// Low-latency DASH delivery of the segment in progress on the runner's origin, over real HTTP on loopback: the
/// segment's CMAF chunks are published by hand (as the packager does: <c>hls/720p/&lt;n&gt;.&lt;i&gt;.m4s</c>, then
/// <c>hls/720p/&lt;n&gt;.m4s</c>, the chunks joined) and a client reads the response as it streams.
/// </summary>
public sealed class SegmentInProgressTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan FollowWithin = TimeSpan.FromSeconds(2);
    private InProcessRunner _runner = null!;

    private FakeOriginContent Content => _runner.Runtime.Content;

    public async Task InitializeAsync() => _runner = await InProcessRunner.StartAsync();

    public async Task DisposeAsync() => await _runner.DisposeAsync();

    [Fact]
    public async Task Get_Should_StreamEachChunkAsItIsMade_When_TheSegmentIsInProgress()
    {
        var chunks = Enumerable.Range(0, 4).Select(i => Chunk(i, 1000 + i)).ToList();
        PublishChunk(5, 0, chunks[0]);

        using var response = await _runner.Http.GetAsync("/hls/720p/5.m4s", HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TransferEncodingChunked, "the segment in progress is sent with Transfer-Encoding: chunked");
        Assert.Null(response.Content.Headers.ContentLength);
        await using var body = await response.Content.ReadAsStreamAsync();

        // Each chunk arrives before the next is made, so before the segment completes.
        Assert.Equal(chunks[0], await ReadAsync(body, chunks[0].Length));
        for (var i = 1; i < chunks.Count; i++)
        {
            var reading = ReadAsync(body, chunks[i].Length);
            await Task.Delay(200);
            Assert.False(reading.IsCompleted, $"chunk {i} was read before it was made");
            var made = Stopwatch.StartNew();
            PublishChunk(5, i, chunks[i]);
            Assert.Equal(chunks[i], await reading.WaitAsync(TimeSpan.FromSeconds(5)));
            output.WriteLine($"chunk {i} reached the client {made.Elapsed.TotalMilliseconds:0.0} ms after it was made");
        }

        // The segment completes with what its last chunk's muxer flush left (here a few more bytes); the response ends.
        var segment = chunks.SelectMany(c => c).Concat(new byte[] { 9, 9, 9 }).ToArray();
        Content.Publish("hls/720p/5.m4s", segment, "video/iso.segment", TimeSpan.FromMinutes(10));
        using var rest = new MemoryStream();
        await body.CopyToAsync(rest).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(segment, chunks.SelectMany(c => c).Concat(rest.ToArray()).ToArray());
    }

    [Fact]
    public async Task Get_Should_WaitForTheFirstChunk_When_TheNextSegmentIsAskedForALittleEarly()
    {
        PublishChunk(5, 0, Chunk(0, 100));

        var pending = _runner.Http.GetAsync("/hls/720p/6.m4s", HttpCompletionOption.ResponseHeadersRead);
        await Task.Delay(300);
        Assert.False(pending.IsCompleted, "answered before segment 6 had a chunk");
        var first = Chunk(0, 200);
        PublishChunk(6, 0, first);
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        Assert.Equal(first, await ReadAsync(body, first.Length).WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData("/hls/720p/9.m4s", 0)] // neither in progress nor next: at once
    [InlineData("/hls/720p/6.m4s", 2)] // the next segment, whose first chunk never comes: after FollowWithin
    [InlineData("/hls/other/5.m4s", 0)]
    public async Task Get_Should_Answer404_When_TheSegmentWillNotCome(string path, double afterSeconds)
    {
        PublishChunk(5, 0, Chunk(0, 100));
        var started = Stopwatch.StartNew();

        using var response = await _runner.Http.GetAsync(path).WaitAsync(TimeSpan.FromSeconds(15));

        output.WriteLine($"{path}: {(int)response.StatusCode} after {started.Elapsed.TotalSeconds:0.00} s");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.InRange(started.Elapsed.TotalSeconds, afterSeconds * 0.9, afterSeconds + 5);
    }

    [Fact]
    public async Task Get_Should_BreakTheTransfer_When_TheSegmentInProgressIsWithdrawn()
    {
        var chunk = Chunk(0, 300);
        PublishChunk(5, 0, chunk);
        using var response = await _runner.Http.GetAsync("/hls/720p/5.m4s", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        Assert.Equal(chunk, await ReadAsync(body, chunk.Length));

        // The track failed: its chunks go, the segment never completes, and the client must not take a short body for it.
        Content.Remove("hls/720p/5.0.m4s");

        await Assert.ThrowsAnyAsync<IOException>(() => body.CopyToAsync(Stream.Null).WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Get_Should_HoldNoThreadPerWaitingPlayer_When_ManyStreamTheSegmentInProgress()
    {
        const int players = 300;
        var first = Chunk(0, 50);
        var second = Chunk(1, 60);
        PublishChunk(5, 0, first);
        var threads = ThreadPool.ThreadCount;
        var responses = await Task.WhenAll(Enumerable.Range(0, players).Select(_ => _runner.Http.GetAsync("/hls/720p/5.m4s", HttpCompletionOption.ResponseHeadersRead))).WaitAsync(TimeSpan.FromSeconds(30));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStreamAsync()));
        await Task.WhenAll(bodies.Select(b => ReadAsync(b, first.Length)));
        var waitingThreads = ThreadPool.ThreadCount;

        PublishChunk(5, 1, second);
        Content.Publish("hls/720p/5.m4s", [.. first, .. second], "video/iso.segment", TimeSpan.FromMinutes(10));
        var made = Stopwatch.StartNew();
        var rests = await Task.WhenAll(bodies.Select(async b =>
        {
            using var rest = new MemoryStream();
            await b.CopyToAsync(rest);
            return rest.ToArray();
        })).WaitAsync(TimeSpan.FromSeconds(30));
        output.WriteLine($"{players} players streaming: thread pool {threads} -> {waitingThreads} threads while they waited; all complete {made.Elapsed.TotalMilliseconds:0} ms after the segment was");

        Assert.All(rests, r => Assert.Equal(second, r));
        Assert.True(waitingThreads - threads < players / 3, $"{waitingThreads - threads} more thread-pool threads for {players} waiting requests");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private void PublishChunk(long sequence, int index, byte[] chunk) =>
        Content.Publish(OriginPaths.Part("720p", sequence, index), new OriginResource(chunk, "video/iso.segment", TimeSpan.FromMinutes(10)) { FollowWithin = FollowWithin });

    /// <summary>Stand-in chunk bytes that say which chunk they are.</summary>
    private static byte[] Chunk(int index, int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(index * 31 + i))];

    private static async Task<byte[]> ReadAsync(Stream body, int length)
    {
        var buffer = new byte[length];
        await body.ReadExactlyAsync(buffer);
        return buffer;
    }
}
