using Ladder.LibAv;
using Ladder.Pipeline.Decoding;

namespace Ladder.Pipeline.Tests.Decoding;

public sealed class DecoderThreadsTests
{
    [Theory]
    [InlineData(1920, 1080, 24, 2, 1)]
    [InlineData(1920, 1080, 30, 16, 1)]
    [InlineData(1280, 720, 60, 16, 1)]
    [InlineData(1920, 1080, 60, 16, 2)]
    [InlineData(3840, 2160, 30, 16, 4)]
    [InlineData(3840, 2160, 60, 16, 8)]
    [InlineData(3840, 2160, 60, 4, 4)]
    public void For_Should_GiveAThreadPer1080p30_When_TheSourceIsKnown(int width, int height, int fps, int cores, int expected) =>
        Assert.Equal(expected, DecoderThreads.For(width, height, new Rational(fps, 1), cores));

    [Fact]
    public void For_Should_TakeTheSourceAs1080p30_When_ItsSizeAndRateAreUnknown() =>
        Assert.Equal(1, DecoderThreads.For(0, 0, new Rational(0, 1), 16));

    [Fact]
    public void For_Should_GiveOneThread_When_CoresAreZero() =>
        Assert.Equal(1, DecoderThreads.For(3840, 2160, new Rational(60, 1), 0));
}
