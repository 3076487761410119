using Ladder.Api.Pipeline;
using Ladder.Api.V1Alpha1;
using Ladder.LibAv;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Graph;

public sealed class FileLadderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task FileThroughTwoRungLadder_Should_PlaceIdrsEverySecondOnTheSameTimes_And_KeepFrameCountsAndAudio()
    {
        const double seconds = 4;
        using var clip = TestMedia.Cut(seconds);
        await using var run = PipelineRun.Start(Specs.Create(
            Specs.File(clip.Path), [Specs.Rendition("180p", 320, 180), Specs.Rendition("90p12", 160, 90, fps: 12)], gopSeconds: 1));
        run.WaitForEnd(tracks: 3, Timeout);

        var expectedKeyframes = new[] { 0.0, 1, 2, 3 };
        foreach (var (track, fps) in new[] { ("180p", 24.0), ("90p12", 12.0) })
        {
            var packets = run.Sink.Packets(track);
            Assert.Equal(seconds * fps, packets.Count, tolerance: 1);
            Assert.Equal(expectedKeyframes, packets.Where(p => p.Keyframe).Select(p => Math.Round(p.Pts, 3)));
            Assert.All(packets, p => Assert.Equal(p.Keyframe, p.StartsSegment));
            Assert.True(packets.Zip(packets.Skip(1)).All(pair => pair.Second.Dts > pair.First.Dts), $"{track}: DTS not strictly increasing");
            var info = run.Sink.Tracks[track];
            Assert.Equal((MediaType.Video, "h264", Rational.Mpeg90kHz), (info.MediaType, info.Parameters.CodecName, info.TimeBase));
        }

        Assert.Equal((320, 180), (run.Sink.Tracks["180p"].Parameters.Width, run.Sink.Tracks["180p"].Parameters.Height));
        Assert.Equal(new Rational(12, 1), run.Sink.Tracks["90p12"].FrameRate);

        var audio = run.Sink.Packets("audio");
        var audioTrack = run.Sink.Tracks["audio"];
        Assert.Equal(("aac", 48000, 2), (audioTrack.Parameters.CodecName, audioTrack.Parameters.SampleRate, audioTrack.Parameters.Channels));
        Assert.InRange(audio[^1].Pts + audio[^1].Duration - Math.Max(0, audio[0].Pts), seconds - 0.1, seconds + 0.1);
        Assert.All(audio, p => Assert.False(p.StartsSegment));
        Assert.True(audio.Zip(audio.Skip(1)).All(pair => pair.Second.Dts > pair.First.Dts), "audio DTS not strictly increasing");
        Assert.Equal(["180p", "90p12", "audio"], run.Sink.Removed.Order());
        Assert.All(run.Pipeline.GetStatus().Stages, s => Assert.Equal(StageState.Stopped, s.State));
    }

    [Fact]
    public async Task PassthroughWithTranscodedRendition_Should_CutOnSourceKeyframes_And_ForceTheTranscodedIdrsOntoThem()
    {
        using var clip = TestMedia.Cut(6);
        await using var run = PipelineRun.Start(Specs.Create(Specs.File(clip.Path), [Specs.Passthrough(), Specs.Rendition("180p", 320, 180)], gopSeconds: 1));
        run.WaitForEnd(tracks: 3, Timeout);

        var source = run.Sink.Packets("source");
        var transcoded = run.Sink.Packets("180p");
        var sourceBoundaries = source.Where(p => p.StartsSegment).Select(p => Math.Round(p.Pts, 3)).ToList();
        Assert.Equal([0.0, 2, 4], sourceBoundaries); // the clip's keyframes are every 2 s, so GOP 1 s gives way to them
        Assert.Equal(sourceBoundaries, transcoded.Where(p => p.Keyframe).Select(p => Math.Round(p.Pts, 3)));
        Assert.Equal(144, source.Count);
        Assert.True(run.Sink.Tracks["source"].Passthrough);
        Assert.Equal((1280, 720), (run.Sink.Tracks["source"].Parameters.Width, run.Sink.Tracks["source"].Parameters.Height));
        Assert.Equal(1, run.Sink.Tracks["source"].Parameters.GetExtraData()[0]); // avcC from the MP4 source
    }

    [Fact]
    public async Task LoopedFile_Should_KeepTimestampsMonotonicAcrossTheLoopPoint()
    {
        using var clip = TestMedia.Cut(2);
        await using var run = PipelineRun.Start(Specs.Create(Specs.File(clip.Path, loop: 1), [Specs.Rendition("90p", 160, 90)], gopSeconds: 1));
        run.WaitForEnd(tracks: 2, Timeout);

        foreach (var track in new[] { "90p", "audio" })
        {
            var packets = run.Sink.Packets(track);
            Assert.True(packets.Zip(packets.Skip(1)).All(pair => pair.Second.Dts > pair.First.Dts), $"{track}: DTS not strictly increasing");
            Assert.InRange(packets.Max(p => p.Pts), 3.8, 4.1);
        }

        Assert.Equal([0.0, 1, 2, 3], run.Sink.Packets("90p").Where(p => p.Keyframe).Select(p => Math.Round(p.Pts, 3)));
        Assert.Equal(96, run.Sink.Packets("90p").Count, tolerance: 1);
    }

    [Fact]
    public async Task NvidiaHardwareWithoutGpu_Should_FailTheRenditionWithAMessageNamingTheDeviceAndField()
    {
        using var clip = TestMedia.Cut(2);
        await using var run = PipelineRun.Start(Specs.Create(
            Specs.Input(clip.Path, InputProtocol.File, InputMode.Pull, ("stream_loop", "-1")), [Specs.Rendition("180p", 320, 180)],
            hardware: HardwareAcceleration.Nvidia, encoder: "h264_nvenc"));
        var stage = run.WaitForState("encode/180p", StageState.Failed, Timeout);

        Assert.StartsWith("spec.video.hardware: nvidia requested but no CUDA device could be opened: av_hwdevice_ctx_create(cuda)", stage.Error);
        Assert.Equal(StageState.Running, run.WaitForState("audio", StageState.Running, Timeout).State); // the rest stays up
    }
}
