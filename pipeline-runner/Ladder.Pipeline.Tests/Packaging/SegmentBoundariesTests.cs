using Ladder.Pipeline.Packaging;

namespace Ladder.Pipeline.Tests.Packaging;

/// <summary>The segmenter's boundaries: which segment-starting keyframes cut, on a 2 s grid, half a 25 fps frame of tolerance.</summary>
public sealed class SegmentBoundariesTests
{
    private const long Second = 1_000_000;
    private const long Tolerance = 20_000;

    public static TheoryData<string> Cases => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void TryCut_Should_CutOnTheGrid_When_KeyframesCome(string name)
    {
        var (keyframes, cuts) = Table[name];
        var boundaries = new SegmentBoundaries(2, firstSequence: 100);

        var cut = keyframes.Select(t => (Time: t, Sequence: boundaries.TryCut((long)(t * Second), Tolerance))).Where(c => c.Sequence is not null).ToList();

        Assert.Equal(cuts, cut.Select(c => c.Time));
        Assert.Equal(Enumerable.Range(100, cuts.Length).Select(i => (long?)i), cut.Select(c => c.Sequence));
    }

    [Fact]
    public void Locate_Should_WaitForTheNextBoundary_When_AFrameIsNearTheNextGridPoint()
    {
        var boundaries = new SegmentBoundaries(2);
        boundaries.TryCut(0, Tolerance);
        boundaries.TryCut((long)(2.6 * Second), Tolerance); // late: an input gap spanned the 2 s keyframe

        Assert.Equal(2, boundaries.Locate((long)(2.7 * Second), out var early));
        Assert.True(early);
        Assert.Equal(2, boundaries.Locate((long)(3.5 * Second), out var late));
        Assert.False(late); // the 4 s boundary may still come before it
        boundaries.TryCut(4 * Second, Tolerance);
        Assert.Equal(3, boundaries.Locate((long)(4.1 * Second), out _));
    }

    [Fact]
    public void TryCut_Should_OnlyTakeAnnouncedBoundaries_When_ARenditionMayNotLead()
    {
        var boundaries = new SegmentBoundaries(2);
        boundaries.TryCut(0, Tolerance);

        Assert.Null(boundaries.TryCut(3 * Second, Tolerance, announce: false));
        Assert.Equal(2, boundaries.TryCut(4 * Second, Tolerance));
        Assert.Equal(2, boundaries.TryCut(4 * Second, Tolerance, announce: false));
    }

    private static readonly Dictionary<string, (double[] Keyframes, double[] Cuts)> Table = new()
    {
        ["a 1 s GOP cuts every other keyframe"] = ([0, 1, 2, 3, 4, 5, 6], [0, 2, 4, 6]),
        ["a 2 s GOP cuts every keyframe"] = ([0, 2, 4, 6], [0, 2, 4, 6]),
        ["a keyframe half a frame early still cuts"] = ([0, 1.99, 4], [0, 1.99, 4]),
        ["a late keyframe cuts, and the grid holds after it"] = ([0, 2.5, 3, 4, 5, 6], [0, 2.5, 4, 6]),
        ["a keyframe missing for longer skips to the next grid point it reaches"] = ([0, 1, 5, 6, 7, 8], [0, 5, 6, 8]),
        ["a 3 s source GOP cuts on every keyframe past a grid point"] = ([0, 3, 6, 9, 12], [0, 3, 6, 9, 12]),
        ["the first keyframe anchors the grid"] = ([0.5, 1.5, 2.5, 3.5], [0.5, 2.5]),
    };
}
