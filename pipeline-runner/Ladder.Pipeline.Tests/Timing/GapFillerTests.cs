using Ladder.LibAv;
using Ladder.Pipeline.Timing;
using Microsoft.Extensions.Time.Testing;

namespace Ladder.Pipeline.Tests.Timing;

/// <summary>The encoders' gap filler on a fake clock: 25 fps output, time base 1/25 s, so one frame is one unit and 40 ms.</summary>
public sealed class GapFillerTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(40);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private readonly FakeTimeProvider _clock = new();
    private readonly GapFiller _filler;

    public GapFillerTests() => _filler = new GapFiller(_clock, new Rational(1, 25), 1);

    [Fact]
    public void TryNext_Should_RepeatNothing_When_NoRealFrameCameYet()
    {
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.False(_filler.TryNext(out _));
        Assert.Equal(Poll, _filler.Wait(Poll));
    }

    [Fact]
    public void TryNext_Should_RepeatNothing_When_RealFramesComeOnTimeOrALittleLate()
    {
        for (var pts = 0; pts < 100; pts++)
        {
            _filler.Delivered(pts, pts + 1);
            _clock.Advance(pts % 10 == 0 ? Frame * 1.9 : Frame); // jitter under one frame interval
            Assert.False(_filler.TryNext(out _), $"frame {pts}");
        }
    }

    [Fact]
    public void TryNext_Should_RepeatOneFramePerIntervalWithContinuousTimestamps_When_TheInputStopsForThreeSeconds()
    {
        _filler.Delivered(10, 11);
        var repeats = new List<long>();
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromSeconds(3); elapsed += TimeSpan.FromMilliseconds(10))
        {
            _clock.Advance(TimeSpan.FromMilliseconds(10));
            while (_filler.TryNext(out var pts))
            {
                repeats.Add(pts);
            }
        }

        // Frame 11 was due at 40 ms; nothing came by 80 ms, so it is repeated then, and one frame every 40 ms after.
        Assert.Equal(Enumerable.Range(11, 74).Select(i => (long)i), repeats);
        Assert.Equal(85, _filler.End);
    }

    [Fact]
    public void TryNext_Should_CatchUpInOneGo_When_TheStageWakesLate()
    {
        _filler.Delivered(0, 1);
        _clock.Advance(TimeSpan.FromSeconds(1));

        var count = 0;
        while (_filler.TryNext(out var pts))
        {
            Assert.Equal(1 + count++, pts);
        }

        Assert.Equal(24, count); // frames 1..24: output time is 25, the frame at 25 is not late yet
    }

    [Fact]
    public void Delivered_Should_StopTheRepeatsAndKeepTheEnd_When_RealFramesComeBack()
    {
        _filler.Delivered(0, 1);
        _clock.Advance(TimeSpan.FromSeconds(2));
        while (_filler.TryNext(out _))
        {
        }

        var end = _filler.End; // 49: repeats 1..48
        _filler.Delivered(47, 48); // a real frame already covered by repeats: the caller drops it, the pace restarts
        Assert.Equal(end, _filler.End);
        for (var pts = 49L; pts < 200; pts++)
        {
            _clock.Advance(Frame);
            _filler.Delivered(pts, pts + 1);
            Assert.False(_filler.TryNext(out _), $"frame {pts}");
        }

        Assert.Equal(200, _filler.End);
    }

    [Fact]
    public void Wait_Should_SleepUntilTheNextRepeatIsDue_When_WaitingForFrames()
    {
        _filler.Delivered(0, 1);

        Assert.Equal(Frame * 2, _filler.Wait(Poll));
        Assert.Equal(TimeSpan.FromMilliseconds(20), _filler.Wait(TimeSpan.FromMilliseconds(20)));
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(TimeSpan.FromMilliseconds(30), _filler.Wait(Poll));
        _clock.Advance(TimeSpan.FromMilliseconds(30));
        Assert.Equal(TimeSpan.Zero, _filler.Wait(Poll));
        Assert.True(_filler.TryNext(out _));
        Assert.Equal(Frame, _filler.Wait(Poll)); // never zero while nothing is due: the stage does not spin
    }
}
