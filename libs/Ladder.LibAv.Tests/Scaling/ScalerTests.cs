using Ladder.LibAv.Tests.Support;

namespace Ladder.LibAv.Tests.Scaling;

public sealed class ScalerTests
{
    [Fact]
    public void Scale_Should_ProduceTargetSizeAndFormat_And_KeepPts()
    {
        using var scaler = new Scaler(320, 180, PixelFormat.Yuv420P, 160, 90, PixelFormat.Nv12);
        using var source = SyntheticMedia.Picture(320, 180, 7);
        using var scaled = new Frame();

        scaler.Scale(source, scaled);

        Assert.Equal(160, scaled.Width);
        Assert.Equal(90, scaled.Height);
        Assert.Equal("nv12", scaled.PixelFormat.Name);
        Assert.Equal(7, scaled.Pts);
        Assert.True(scaled.GetLineSize(1) >= 160, "NV12 has an interleaved chroma plane");
    }
}
