using Ladder.LibAv;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Tests.Packaging;

namespace Ladder.Pipeline.Tests.Publishing;

public sealed class TrackPublisherTests
{
    private static readonly TrackFormat Format = new("avc1.64000d", 320, 180, null, 0, 0, 300_000, 600_000);

    [Fact]
    public void Publish_Should_KeepTheMediaSequenceConsecutiveAndCountDiscontinuities_When_ASegmentWasLost()
    {
        using var content = new PublishedContent(null);
        var publisher = TrackPublisher.Cmaf("high", MediaType.Video, capacity: 2, content, files: true);
        publisher.AddInit(new InitSegment(1, new byte[10], 90000, Format));

        var first = publisher.Publish(SegmentWindowTests.Segment(100, 1), out var firstStarts);
        var second = publisher.Publish(SegmentWindowTests.Segment(102, 1, discontinuity: true), out var secondStarts); // 101 was lost
        var third = publisher.Publish(SegmentWindowTests.Segment(103, 1), out _);

        Assert.Equal([100L, 101, 102], new[] { first, second, third }.Select(s => s.MediaSequence));
        Assert.Equal([0L, 0, 1], new[] { first, second, third }.Select(s => s.DiscontinuitySequence));
        Assert.False(firstStarts);
        Assert.True(secondStarts, "a break in the $Number$ run starts a DASH Period");
        Assert.Null(content.Get(OriginPaths.Segment("high", 100))); // left the 2-segment window
        Assert.NotNull(content.Get(OriginPaths.Segment("high", 103)));
        Assert.NotNull(content.Get(OriginPaths.Init("high", 1)));
        Assert.Equal(3, publisher.Segments);
        Assert.Equal(103, publisher.LastSequence);

        publisher.Withdraw();

        Assert.Null(content.Get(OriginPaths.Segment("high", 103)));
        Assert.Null(content.Get(OriginPaths.Init("high", 1)));
    }

    [Fact]
    public void Publish_Should_WriteOnlyTsSegmentFiles_When_TheTrackIsAnMpegTsRendition()
    {
        using var content = new PublishedContent(null);
        var publisher = TrackPublisher.TransportStream("high", capacity: 3, content);
        publisher.AddInit(new InitSegment(1, ReadOnlyMemory<byte>.Empty, 90000, Format));

        publisher.Publish(SegmentWindowTests.Segment(7, 1), out _);

        Assert.Equal(ContentTypes.VideoMp2t, content.Get(OriginPaths.TsSegment("high", 7))?.ContentType);
        Assert.Null(content.Get(OriginPaths.Init("high", 1)));
        Assert.Null(content.Get(OriginPaths.Segment("high", 7)));
    }

    [Fact]
    public void Publish_Should_KeepTheWindowButWriteNoFiles_When_FilesAreOff()
    {
        using var content = new PublishedContent(null);
        var publisher = TrackPublisher.Cmaf("audio", MediaType.Audio, capacity: 3, content, files: false);
        publisher.AddInit(new InitSegment(1, new byte[10], 48000, Format));

        publisher.Publish(SegmentWindowTests.Segment(7, 1), out _);

        Assert.Single(publisher.Window.Current.Segments);
        Assert.Null(content.Get(OriginPaths.Segment("audio", 7)));
        Assert.Null(content.Get(OriginPaths.Init("audio", 1)));
    }
}
