using Ladder.Pipeline.Media;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Tests.Publishing;

namespace Ladder.Pipeline.Tests.Packaging;

public sealed class RobustnessTests(EncodedMediaFixture media) : IClassFixture<EncodedMediaFixture>
{
    [Fact]
    public void MuxingFailure_Should_BeReportedAndHealAtTheNextBoundary_When_ATrackLoopThrows()
    {
        var failed = 0;
        var options = new LivePackagerOptions
        {
            BeforeMux = (track, pts) =>
            {
                if (track == "high" && pts >= 2.5 * 90_000 && Interlocked.Exchange(ref failed, 1) == 0)
                {
                    throw new InvalidOperationException("injected failure");
                }
            },
        };
        using var packager = new LivePackager(PackagerSpecs.Create(2, 10, dash: true, "high", "low"), new MediaTimeline(DateTimeOffset.UnixEpoch), options);
        LivePackagerTests.Feed(packager, media.High, media.Low, media.Audio);
        packager.Dispose();

        var high = packager.GetStatus().Tracks.Single(t => t.Id == "high");
        Assert.Equal(1, high.Failures);
        Assert.Contains("injected failure", high.LastError, StringComparison.Ordinal);
        Assert.False(high.Failed, "a published segment after the failure clears Failed");
        Assert.Equal(0, packager.GetStatus().Tracks.Single(t => t.Id == "low").Failures);

        // Segment 2 of "high" was lost; segment 3 follows a discontinuity with its init segment published again.
        var playlist = HlsPlaylistChecker.Check(LivePackagerTests.Text(packager, OriginPaths.HlsPlaylist("high")));
        Assert.Equal(["1.m4s", "3.m4s"], playlist.Segments.Select(s => s.Uri));
        Assert.Equal([false, true], playlist.Segments.Select(s => s.Discontinuity));
        Assert.Equal([1L, 2], playlist.Segments.Select(s => s.SequenceNumber)); // the playlist's numbers stay consecutive
        Assert.NotNull(packager.Get(OriginPaths.Init("high", 1)));
        var low = HlsPlaylistChecker.Check(LivePackagerTests.Text(packager, OriginPaths.HlsPlaylist("low")));
        Assert.Equal([1L, 2, 3], low.Segments.Select(s => s.SequenceNumber));
        Assert.All(low.Segments, s => Assert.False(s.Discontinuity));

        // DASH: a Period starts where the $Number$ run of "high" breaks.
        var mpd = LivePackagerTests.Text(packager, OriginPaths.DashManifest);
        Assert.Contains("<Period id=\"3\"", mpd, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_Should_EndAtTheTargetDurationCapAndCountOverlong_When_KeyframesAreFartherApartThanTheTarget()
    {
        using var sparse = EncodedTrack.Video("high", 160, 90, 9, keyframeSeconds: 3);
        using var audio = EncodedTrack.Audio(9);
        using var packager = new LivePackager(PackagerSpecs.Create(2, 10, dash: true, "high"), new MediaTimeline(DateTimeOffset.UnixEpoch));
        LivePackagerTests.Feed(packager, sparse, audio);
        packager.Dispose();
        Assert.All(packager.GetStatus().Tracks, t => Assert.Null(t.LastError));

        foreach (var id in new[] { "high", "audio" })
        {
            var playlist = HlsPlaylistChecker.Check(LivePackagerTests.Text(packager, OriginPaths.HlsPlaylist(id))); // every EXTINF rounds to <= 2
            Assert.Equal(2, playlist.TargetDuration);
            Assert.True(playlist.Segments.Count >= 2);
            Assert.All(playlist.Segments.Skip(1), s => Assert.True(s.Discontinuity, $"{id} segment {s.Uri} follows a cut without a discontinuity"));
            Assert.All(playlist.Segments, s => Assert.InRange(s.Duration, 2, 2.5));
            Assert.True(packager.GetStatus().Tracks.Single(t => t.Id == id).OverlongSegments >= 2);
        }
    }
}
