using System.Text;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Microsoft.Extensions.Time.Testing;

namespace Ladder.Pipeline.Tests.Packaging;

/// <summary>The publisher's wall clock is the packager's <see cref="LivePackagerOptions.Clock"/>, driven here by hand.</summary>
public sealed class PackagerClockTests(EncodedMediaFixture media) : IClassFixture<EncodedMediaFixture>
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RemovedRendition_Should_StayPublishedForItsWindowOnTheClock_When_TheLadderDropsIt()
    {
        var clock = new FakeTimeProvider(Start);
        using var packager = new LivePackager(PackagerSpecs.Create(2, 10, dash: true, "high", "low"), new MediaTimeline(Start), new LivePackagerOptions { Clock = clock });
        LivePackagerTests.Feed(packager, media.High, media.Low, media.Audio);
        Assert.True(await PollAsync(() => packager.GetStatus().Tracks.All(t => t.SegmentsPublished >= 2)), "the tracks published no segments");

        Assert.Contains("publishTime=\"2030-01-01T00:00:00.000Z\"", LivePackagerTests.Text(packager, OriginPaths.DashManifest), StringComparison.Ordinal);
        Assert.Equal("2030-01-01T00:00:00.000Z", LivePackagerTests.Text(packager, OriginPaths.DashTime));

        packager.UpdateSpec(PackagerSpecs.Create(2, 10, dash: true, "high"));
        Assert.True(
            await PollAsync(() => packager.Get(OriginPaths.HlsPlaylist("low")) is { } p && Encoding.UTF8.GetString(p.Content.Span).Contains("#EXT-X-ENDLIST", StringComparison.Ordinal)),
            "the removed rendition's playlist did not end");
        await Task.Delay(1000); // the withdrawal is scheduled on the clock right after the last playlist

        clock.Advance(TimeSpan.FromSeconds(21)); // (window 10 + 1) x 2 s = 22 s after its end
        await Task.Delay(300);
        Assert.NotNull(packager.Get(OriginPaths.HlsPlaylist("low")));
        Assert.NotNull(packager.Get(OriginPaths.Init("low", 1)));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await PollAsync(() => packager.Get(OriginPaths.HlsPlaylist("low")) is null, seconds: 10), "the removed rendition's playlist outlived its window on the clock");
        Assert.Null(packager.Get(OriginPaths.Init("low", 1)));
        Assert.NotNull(packager.Get(OriginPaths.HlsPlaylist("high")));
    }

    /// <summary>Polls in real time, well under the 22 s linger, so a withdrawal timed on the real clock fails the test.</summary>
    private static async Task<bool> PollAsync(Func<bool> condition, double seconds = 20)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if (condition())
            {
                return true;
            }
        }

        return condition();
    }
}
