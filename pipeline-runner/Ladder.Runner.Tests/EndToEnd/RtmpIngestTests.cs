using System.Net;
using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.EndToEnd;

[Collection(RtmpRunnerCollection.Name)]
public sealed class RtmpIngestTests(RtmpRunnerFixture fixture)
{
    [Fact]
    public async Task Ladder_Should_BeKeyframeAlignedWithAudio_When_FfmpegPushesRtmp()
    {
        await LadderProbe.AssertLadderAsync(fixture.Runner);

        using var ready = await fixture.Runner.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var mpd = await fixture.Runner.Http.GetAsync("/dash/manifest.mpd");
        Assert.Equal("application/dash+xml", mpd.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Runner_Should_StayUpAndRecover_When_PusherDisconnectsAndReconnects()
    {
        var runner = fixture.Runner;
        fixture.Pusher!.Dispose();
        fixture.Pusher = null;

        // The ingest says why while it waits 0.5 s to reconnect, then listens again ("starting", waiting for a sender);
        // a loaded machine may look only after the short first state.
        var lost = await runner.WaitForIngestAsync(i => i.GetProperty("state").GetString() is "reconnecting" or "starting", TimeSpan.FromSeconds(15), "reconnecting or listening again");
        if (lost.GetProperty("state").GetString() == "reconnecting")
        {
            Assert.False(string.IsNullOrEmpty(lost.GetProperty("error").GetString()), $"no error text while reconnecting: {lost.GetRawText()}");
        }
        else
        {
            Assert.Contains("waiting for a sender", lost.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await runner.StatusAsync()).GetProperty("pipeline").GetProperty("activeInput").ValueKind);
        using (var health = await runner.Http.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // Segments keep coming while the input is away (the encoders repeat the last picture).
        var before = await runner.SegmentsPublishedAsync("180p");
        await runner.WaitForSegmentsAsync(2, TimeSpan.FromSeconds(10), after: before);

        // Like a real encoder (OBS, the demo script), the pusher starts again whenever it exits before the runner
        // publishes its stream.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        ExternalProcess? pusher = null;
        while (await ActiveInputAsync() != "main" && DateTime.UtcNow < deadline)
        {
            if (pusher is null || pusher.HasExited)
            {
                pusher?.Dispose();
                pusher = Pusher.Rtmp(fixture.Url, seconds: null);
                fixture.Pusher = pusher;
            }
            await Task.Delay(500);
        }

        Assert.Equal("main", await ActiveInputAsync());
        var resumed = await runner.SegmentsPublishedAsync("180p");
        await runner.WaitForSegmentsAsync(2, TimeSpan.FromSeconds(10), after: resumed);

        // The status leaves activeInput out while no input is active.
        async Task<string?> ActiveInputAsync() =>
            (await runner.StatusAsync()).GetProperty("pipeline").TryGetProperty("activeInput", out var active) ? active.GetString() : null;
    }
}
