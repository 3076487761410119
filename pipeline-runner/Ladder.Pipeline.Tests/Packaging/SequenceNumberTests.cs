using Ladder.Pipeline.Media;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Tests.Publishing;

namespace Ladder.Pipeline.Tests.Packaging;

public sealed class SequenceNumberTests(EncodedMediaFixture media) : IClassFixture<EncodedMediaFixture>
{
    [Theory]
    [InlineData(0, 2.0, 1)]
    [InlineData(1_763_722_800_000, 2.0, 881_861_401)]
    [InlineData(1_763_722_801_999, 2.0, 881_861_401)]
    [InlineData(1_763_722_802_000, 2.0, 881_861_402)]
    [InlineData(1_000_000, 6.0, 167)]
    public void FirstSequenceNumber_Should_CountSegmentDurationsSinceTheUnixEpoch_When_GivenAnOrigin(long originMs, double segmentSeconds, long expected) =>
        Assert.Equal(expected, LivePackager.FirstSequenceNumber(DateTimeOffset.FromUnixTimeMilliseconds(originMs), segmentSeconds));

    [Fact]
    public void SegmentPaths_Should_NeverRepeat_When_TheRunnerRestartsWithALaterOrigin()
    {
        var origin = DateTimeOffset.FromUnixTimeMilliseconds(1_763_722_800_500);
        var first = Run(origin);

        // The runner restarts right after the 6 s of media of the first run: a new timeline, later by the run's length.
        var second = Run(origin.AddSeconds(6.2));
        Assert.Equal(LivePackager.FirstSequenceNumber(origin, 2), first.MediaSequence);
        Assert.True(second.MediaSequence > first.Segments[^1].SequenceNumber, $"run 2 starts at {second.MediaSequence}, run 1 ended at {first.Segments[^1].SequenceNumber}");
        Assert.Empty(first.Segments.Select(s => s.Uri).Intersect(second.Segments.Select(s => s.Uri)));
    }

    private MediaPlaylist Run(DateTimeOffset origin)
    {
        using var packager = new LivePackager(PackagerSpecs.Create(2, 10, dash: true, "high"), new MediaTimeline(origin));
        LivePackagerTests.Feed(packager, media.High, media.Audio);
        packager.Dispose();
        var playlist = HlsPlaylistChecker.Check(LivePackagerTests.Text(packager, OriginPaths.HlsPlaylist("high")));
        Assert.Equal(playlist.Segments.Select(s => $"{s.SequenceNumber}.m4s"), playlist.Segments.Select(s => s.Uri));
        Assert.Contains($"startNumber=\"{playlist.MediaSequence}\"", LivePackagerTests.Text(packager, OriginPaths.DashManifest), StringComparison.Ordinal);
        return playlist;
    }
}
