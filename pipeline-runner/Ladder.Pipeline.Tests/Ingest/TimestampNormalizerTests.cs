using Ladder.LibAv;
using Ladder.Pipeline.Ingest;
using Ladder.Pipeline.Stages;

namespace Ladder.Pipeline.Tests.Ingest;

/// <summary>The output timeline of lying inputs: corrupt PTS/DTS pairs, forward jumps, audio far from its video.</summary>
public sealed class TimestampNormalizerTests : IDisposable
{
    private const long Second = PipelineTime.Frequency;
    private const long Frame = Second / 24;
    private readonly Packet _packet = new();

    public void Dispose() => _packet.Dispose();

    [Fact]
    public void Normalize_Should_ContinueTheTimeline_When_LiveVideoJumpsForwardAheadOfTheWallClock()
    {
        var normalizer = new TimestampNormalizer();
        Assert.True(Video(normalizer, 0, keyframe: true));
        Assert.True(Video(normalizer, Frame));

        Assert.True(Video(normalizer, Frame * 2 + (5 * Second), live: true));

        Assert.Equal(1, normalizer.Jumps);
        Assert.True(_packet.Dts < Second, $"after a 5 s jump the packet landed at {_packet.Dts} ticks");
    }

    [Fact]
    public void Normalize_Should_KeepAGap_When_FileReadAsFastAsPossibleSkipsFiveSeconds()
    {
        var normalizer = new TimestampNormalizer();
        Video(normalizer, 0, keyframe: true);
        Video(normalizer, Frame);

        Assert.True(Video(normalizer, Frame * 2 + (5 * Second), live: false));

        Assert.Equal(0, normalizer.Jumps);
        Assert.Equal(Frame * 2 + (5 * Second), _packet.Dts);
    }

    [Fact]
    public void Normalize_Should_RepairThePair_When_DtsIsCorruptFarAfterPts()
    {
        var normalizer = new TimestampNormalizer();
        Video(normalizer, 0, keyframe: true);

        Assert.True(Video(normalizer, Frame, dts: Frame + (4000 * Second)));

        Assert.Equal(1, normalizer.Repairs);
        Assert.Equal(Frame, _packet.Dts);
        Assert.Equal(Frame, _packet.Pts);
    }

    [Fact]
    public void Normalize_Should_StartASessionOnItsFirstVideoPacket_When_ItJoinsMidGop_And_WaitForAKeyframeOtherwise()
    {
        var normalizer = new TimestampNormalizer();
        Video(normalizer, 0, keyframe: true);
        Video(normalizer, Frame);

        normalizer.BeginSession(10 * Second);
        Assert.False(Video(normalizer, 500 * Second)); // a new input's packet inside its GOP: nothing to decode it from
        normalizer.BeginSession(10 * Second, midGop: true);
        Assert.True(Video(normalizer, 500 * Second));

        Assert.Equal(10 * Second, _packet.Pts);
        Assert.Equal((10 * Second) - (500 * Second), normalizer.Offset); // the GOP before it is moved by the same offset
    }

    [Fact]
    public void Normalize_Should_RealignAudio_When_ItRunsTenSecondsAheadOfVideo()
    {
        var normalizer = new TimestampNormalizer();
        Video(normalizer, 0, keyframe: true);
        var delivered = 0;
        for (var i = 0; i < 100; i++)
        {
            Video(normalizer, Frame * (i + 1));
            delivered += Audio(normalizer, (10 * Second) + (i * Frame)) ? 1 : 0;
        }

        Assert.Equal(1, normalizer.AudioRealignments);
        Assert.InRange(normalizer.AudioShift, -11 * Second, -9 * Second);
        Assert.True(delivered >= 50, $"{delivered} of 100 audio packets delivered");
        Assert.InRange(_packet.Dts, 0, 100 * Frame);
    }

    private bool Video(TimestampNormalizer normalizer, long pts, bool keyframe = false, long? dts = null, bool live = false)
    {
        Set(pts, dts ?? pts, keyframe);
        return normalizer.Normalize(_packet, PipelineTime.TimeBase, isVideo: true, live);
    }

    private bool Audio(TimestampNormalizer normalizer, long pts)
    {
        Set(pts, pts, keyframe: true);
        return normalizer.Normalize(_packet, PipelineTime.TimeBase, isVideo: false, live: false);
    }

    private void Set(long pts, long dts, bool keyframe)
    {
        _packet.Pts = pts;
        _packet.Dts = dts;
        _packet.Duration = Frame;
        _packet.IsKeyframe = keyframe;
    }
}
