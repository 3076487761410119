using Ladder.LibAv.Tests.Support;

namespace Ladder.LibAv.Tests.Filters;

public sealed class FilterGraphTests
{
    [Fact]
    public void ScaleAndFps_Should_HalveSizeAndFrameRate()
    {
        using var graph = FilterGraph.CreateVideo(
            "scale=160:90,fps=12",
            new VideoFilterInput { Width = 320, Height = 180, PixelFormat = PixelFormat.Yuv420P, TimeBase = new Rational(1, 24), FrameRate = new Rational(24, 1) });
        using var filtered = new Frame();
        var frames = 0;
        for (var i = 0; i <= 48; i++)
        {
            using var picture = i < 48 ? SyntheticMedia.Picture(320, 180, i) : null;
            graph.SendFrame(picture);
            while (graph.ReceiveFrame(filtered) == CodecResult.Ok)
            {
                Assert.Equal(160, filtered.Width);
                Assert.Equal(90, filtered.Height);
                frames++;
            }
        }

        Assert.Equal(new Rational(12, 1), graph.OutputFrameRate);
        Assert.Equal(new Rational(1, 12), graph.OutputTimeBase);
        Assert.Equal(PixelFormat.Yuv420P, graph.OutputPixelFormat);
        Assert.Equal(24, frames);
    }

    [Fact]
    public void AudioGraph_Should_DeliverEncoderSizedFrames_When_FrameSizeIsSet()
    {
        using var graph = FilterGraph.CreateAudio(
            "aresample=44100,aformat=sample_fmts=s16:channel_layouts=mono",
            new AudioFilterInput { SampleRate = 48000, SampleFormat = SampleFormat.FltP, ChannelLayout = ChannelLayout.Stereo },
            frameSize: 1024);
        using var filtered = new Frame();
        var sizes = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            using var tone = SyntheticMedia.Tone(960, 48000, i * 960L);
            graph.SendFrame(tone);
            while (graph.ReceiveFrame(filtered) == CodecResult.Ok)
            {
                sizes.Add(filtered.SampleCount);
            }
        }

        Assert.Equal(44100, graph.OutputSampleRate);
        Assert.Equal(SampleFormat.S16, graph.OutputSampleFormat);
        Assert.Equal(ChannelLayout.Mono, graph.OutputChannelLayout);
        Assert.NotEmpty(sizes);
        Assert.All(sizes, size => Assert.Equal(1024, size));
    }

    [Fact]
    public void CreateVideo_Should_NameTheChain_When_ItDoesNotParse()
    {
        var error = Assert.Throws<FFmpegException>(() => FilterGraph.CreateVideo(
            "no_such_filter=1",
            new VideoFilterInput { Width = 320, Height = 180, PixelFormat = PixelFormat.Yuv420P, TimeBase = new Rational(1, 24) }));

        Assert.Contains("avfilter_graph_parse_ptr(\"no_such_filter=1\")", error.Message);
    }
}
