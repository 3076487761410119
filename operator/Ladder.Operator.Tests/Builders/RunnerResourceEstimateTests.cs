using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Operator.Builders;

namespace Ladder.Operator.Tests.Builders;

public sealed class RunnerResourceEstimateTests
{
    private static PipelineVideo Ladder(string? preset = "veryfast", VideoCodec codec = VideoCodec.H264, HardwareAcceleration hardware = HardwareAcceleration.None, double? fps = 24,
        params (int W, int H)[] sizes) =>
        new(codec, hardware, "libx264", preset, 2, sizes.Select((s, i) => new PipelineRendition($"r{i}") { Width = s.W, Height = s.H, Fps = fps, Bitrate = 1_000_000 }).ToValueList());

    private static readonly (int, int)[] FourRung1080 = [(1920, 1080), (1280, 720), (854, 480), (640, 360)];

    [Fact]
    public void Quantities_Should_AskForAboutTheMeasuredNeed_When_TheLadderIs4Rung1080pX264Veryfast()
    {
        Assert.Equal(("2400m", "576Mi", "896Mi"), RunnerResourceEstimate.Quantities(Ladder(sizes: FourRung1080)));
    }

    [Fact]
    public void For_Should_GrowWithPresetCodecAndFrameRate_And_ShrinkWithHardware()
    {
        var veryfast = RunnerResourceEstimate.For(Ladder(sizes: FourRung1080)).Millicores;

        Assert.True(RunnerResourceEstimate.For(Ladder("medium", sizes: FourRung1080)).Millicores > 1.9 * veryfast);
        Assert.True(RunnerResourceEstimate.For(Ladder(codec: VideoCodec.Hevc, sizes: FourRung1080)).Millicores > 2.5 * veryfast);
        Assert.True(RunnerResourceEstimate.For(Ladder(fps: 60, sizes: FourRung1080)).Millicores > 1.8 * veryfast);
        Assert.True(RunnerResourceEstimate.For(Ladder(hardware: HardwareAcceleration.Nvidia, preset: "p4", sizes: FourRung1080)).Millicores < veryfast / 3);
    }

    [Fact]
    public void For_Should_AssumeTheSourceRate_When_ARenditionKeepsIt_And_CostTheBaseOnly_When_AllIsPassthrough()
    {
        Assert.Equal(RunnerResourceEstimate.For(Ladder(fps: 30, sizes: [(1280, 720)])), RunnerResourceEstimate.For(Ladder(fps: null, sizes: [(1280, 720)])));

        var passthrough = new PipelineVideo(VideoCodec.H264, HardwareAcceleration.None, "libx264", null, 2, ValueList.Of(new PipelineRendition("source") { Passthrough = true }));
        Assert.Equal((100, 192L << 20), RunnerResourceEstimate.For(passthrough));
    }
}
