using Ladder.Api.Pipeline;
using Ladder.Pipeline.Video;

namespace Ladder.Pipeline.Tests.Video;

public sealed class EncoderThreadsTests
{
    private static readonly PipelineRendition[] s_ladder =
    [
        new("1080p") { Width = 1920, Height = 1080 },
        new("720p") { Width = 1280, Height = 720 },
        new("480p") { Width = 854, Height = 480 },
        new("360p") { Width = 640, Height = 360 },
    ];

    [Theory]
    [InlineData(1, new[] { 1, 1, 1, 1 })]
    [InlineData(2, new[] { 2, 1, 1, 1 })]
    [InlineData(4, new[] { 3, 2, 1, 1 })]
    [InlineData(16, new[] { 10, 5, 2, 2 })]
    public void EncoderThreads_Should_SplitTheCoresByPixels_When_FourRungsShareThem(int cores, int[] expected) =>
        Assert.Equal(expected, s_ladder.Select(r => VideoEncoderFactory.EncoderThreads(r, s_ladder, cores)));

    [Fact]
    public void EncoderThreads_Should_GiveEveryCore_When_OneRenditionIsTranscoded() =>
        Assert.Equal(8, VideoEncoderFactory.EncoderThreads(s_ladder[0], [s_ladder[0]], 8));

    [Fact]
    public void EncoderThreads_Should_CountFrameRates_When_ARungHalvesIt()
    {
        PipelineRendition full = new("720p") { Width = 1280, Height = 720, Fps = 24 };
        PipelineRendition half = new("720p12") { Width = 1280, Height = 720, Fps = 12 };

        Assert.Equal((4, 2), (VideoEncoderFactory.EncoderThreads(full, [full, half], 6), VideoEncoderFactory.EncoderThreads(half, [full, half], 6)));
    }

    [Fact]
    public void EncoderThreads_Should_TakeOpenSidesAs16By9()
    {
        PipelineRendition open = new("720p") { Height = 720 };

        Assert.Equal(
            VideoEncoderFactory.EncoderThreads(s_ladder[1], s_ladder, 16),
            VideoEncoderFactory.EncoderThreads(open, [s_ladder[0], open, s_ladder[2], s_ladder[3]], 16));
    }
}
