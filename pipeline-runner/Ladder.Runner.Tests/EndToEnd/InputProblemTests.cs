using System.Net;
using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.EndToEnd;

/// <summary>
/// Inputs that cannot be used say why in <c>/v1/status</c>, in the sender's terms, within the input timeout (2 s
/// here) plus the reopen, an HLS origin's HTTP errors included; inputs whose timestamps can be repaired publish.
/// </summary>
public sealed class InputProblemTests : IDisposable
{
    private readonly BadMedia _media = new();

    public void Dispose() => _media.Dispose();

    public static TheoryData<string, string> Unusable => new()
    {
        { "truncated-mp4-moov-at-end", "the file ends before its index (moov atom): it was cut while being written" },
        { "video-pes-without-pts", "no PTS on video packets" },
        { "raw-annex-b-h264", "is a raw H.264/HEVC elementary stream (Annex B) with no timestamps" },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task Status_Should_SayWhyInTheSendersTerms_When_InputIsUnusable(string input, string expected)
    {
        var path = await MakeAsync(input);
        await using var runner = await RunnerProcess.StartAsync($"{{ name: main, url: \"file://{path}\", options: {{ stream_loop: \"-1\" }} }}");

        var ingest = await runner.WaitForIngestAsync(i => i.GetProperty("error").GetString() is { Length: > 0 }, TimeSpan.FromSeconds(15), "in error");

        Assert.Contains(expected, ingest.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await runner.SegmentsPublishedAsync("180p"));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "the server answers 404 Not Found: the playlist or its segments are gone")]
    [InlineData(HttpStatusCode.Forbidden, "the server refuses access (403)")]
    public async Task Status_Should_NameTheHttpStatus_When_AnHlsOriginFails(HttpStatusCode playlist, string expected)
    {
        using var origin = new HlsOriginStub(playlist);
        await using var runner = await RunnerProcess.StartAsync($"{{ name: main, url: \"{origin.Url}\" }}");

        var ingest = await runner.WaitForIngestAsync(i => i.GetProperty("error").GetString() is { Length: > 0 }, TimeSpan.FromSeconds(30), "in error");

        Assert.Contains(expected, ingest.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("audio-10s-ahead-of-video")]
    [InlineData("pts-gap-10s-forward")]
    public async Task Runner_Should_PublishEveryTrack_When_TimestampsAreRepairable(string input)
    {
        var path = await MakeAsync(input);
        await using var runner = await RunnerProcess.StartAsync($"{{ name: main, url: \"file://{path}\", options: {{ stream_loop: \"-1\" }} }}");

        await runner.WaitForSegmentsAsync(4, TimeSpan.FromSeconds(40));
    }

    private async Task<string> MakeAsync(string input) => input switch
    {
        "truncated-mp4-moov-at-end" => _media.Truncate(await _media.ClipAsync("whole.mp4", 6, format: "mp4"), "cut.mp4", 0.5),
        "video-pes-without-pts" => _media.StripVideoPts(await _media.ClipAsync("clean.ts", 6), "nopts.ts"),
        "raw-annex-b-h264" => await _media.FfmpegAsync("raw.h264", "-i", await _media.ClipAsync("clean.ts", 6), "-c:v", "copy", "-an", "-bsf:v", "h264_mp4toannexb", "-f", "h264"),
        "audio-10s-ahead-of-video" => await _media.ClipAsync("ahead.ts", 12, audioFilters: "asetpts=PTS+10/TB"),
        _ => await _media.ClipAsync("gap.ts", 12, filters: "setpts=PTS+10*gte(T\\,4)/TB", audioFilters: "asetpts=PTS+10*gte(T\\,4)/TB"),
    };
}
