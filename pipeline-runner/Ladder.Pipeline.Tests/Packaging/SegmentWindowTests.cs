using Ladder.Pipeline.Packaging;

namespace Ladder.Pipeline.Tests.Packaging;

public sealed class SegmentWindowTests
{
    private static readonly TrackFormat Format = new("avc1.64000d", 320, 180, null, 0, 0, 300_000, 600_000);

    [Fact]
    public void Add_Should_KeepOnlyCapacitySegmentsAndTheirInits_When_HundredsOfSegmentsAndVersionsPassThrough()
    {
        var window = new SegmentWindow(capacity: 7);
        var evicted = 0;
        var evictedInits = new List<int>();
        for (var sequence = 1L; sequence <= 500; sequence++)
        {
            var version = (int)((sequence - 1) / 100) + 1;
            if (window.Current.LatestInit?.Version != version)
            {
                window.AddInit(new InitSegment(version, new byte[100], 90000, Format));
            }

            var eviction = window.Add(Segment(sequence, version));
            evicted += eviction.Segments.Count;
            evictedInits.AddRange(eviction.Inits.Select(i => i.Version));
        }

        var current = window.Current;
        Assert.Equal(Enumerable.Range(494, 7).Select(n => (long)n), current.Segments.Select(s => s.SequenceNumber));
        Assert.Equal(500 - 7, evicted);
        Assert.Equal([5], current.Inits.Keys);
        Assert.Equal([1, 2, 3, 4], evictedInits);
    }

    [Fact]
    public void Add_Should_Throw_When_SequenceNumbersDoNotIncreaseOrTheVersionHasNoInit()
    {
        var window = new SegmentWindow(3);
        window.AddInit(new InitSegment(1, new byte[1], 90000, Format));
        window.Add(Segment(5, 1));
        Assert.Throws<ArgumentException>(() => window.Add(Segment(5, 1)));
        Assert.Throws<ArgumentException>(() => window.Add(Segment(6, 2)));
    }

    internal static MediaSegment Segment(long sequence, int version, bool discontinuity = false, long discontinuitySequence = 0) =>
        new(sequence, version, sequence * 180_000, 180_000, 90000, DateTimeOffset.UnixEpoch.AddSeconds(sequence * 2), discontinuity, discontinuitySequence, new byte[1000]);
}
