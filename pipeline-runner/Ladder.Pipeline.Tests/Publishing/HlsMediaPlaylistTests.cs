using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Tests.Packaging;

namespace Ladder.Pipeline.Tests.Publishing;

public sealed class HlsMediaPlaylistTests
{
    private static readonly TrackFormat Format = new("avc1.64000d", 320, 180, null, 0, 0, 300_000, 600_000);

    [Fact]
    public void Write_Should_AdvanceMediaAndDiscontinuitySequences_When_TheWindowSlidesPastADiscontinuity()
    {
        var window = new SegmentWindow(capacity: 9);
        window.AddInit(new InitSegment(1, new byte[1], 90000, Format));
        MediaPlaylist? previous = null;
        var discontinuities = 0L;
        for (var sequence = 1L; sequence <= 12; sequence++)
        {
            var version = sequence >= 6 ? 2 : 1;
            if (sequence == 6)
            {
                window.AddInit(new InitSegment(2, new byte[1], 90000, Format));
            }

            window.Add(SegmentWindowTests.Segment(sequence, version, discontinuity: sequence == 6, discontinuitySequence: discontinuities));
            discontinuities += sequence == 6 ? 1 : 0;
            var playlist = HlsPlaylistChecker.Check(HlsMediaPlaylist.Write(new PublishedTrack("high", window.Current, false, 0), window: 4, targetDuration: 2));
            Assert.Equal(Math.Max(1, sequence - 3), playlist.MediaSequence);
            Assert.Equal(sequence > 6 + 3 ? 1 : 0, playlist.DiscontinuitySequence);
            Assert.All(playlist.Segments, s => Assert.Equal(s.SequenceNumber >= 6 ? "init-2.mp4" : "init-1.mp4", s.Map));
            Assert.All(playlist.Segments, s => Assert.Equal(s.SequenceNumber == 6, s.Discontinuity));
            if (previous is not null)
            {
                HlsPlaylistChecker.CheckSlide(previous, playlist);
            }

            previous = playlist;
        }
    }
}
