using System.Diagnostics;
using Ladder.Pipeline.Ingest;
using Ladder.Pipeline.Stages;

namespace Ladder.Pipeline.Tests.Ingest;

/// <summary>Reading at the pace of the timestamps, and never for the size of a jump of the sender's clock.</summary>
public sealed class RealtimePacerTests
{
    private static readonly long Second = PipelineTime.Frequency;

    [Fact]
    public void Wait_Should_HoldAPacket_Until_ItsTimeComes()
    {
        var pacer = new RealtimePacer(TimeSpan.Zero);
        pacer.Wait(0, CancellationToken.None);

        var held = Stopwatch.StartNew();
        pacer.Wait(Second / 2, CancellationToken.None);

        Assert.InRange(held.Elapsed.TotalSeconds, 0.45, 5);
    }

    [Fact]
    public void Wait_Should_StartAgainFromTheJump_When_TheSendersClockJumpsAnHourForward()
    {
        var pacer = new RealtimePacer(TimeSpan.FromSeconds(3));
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(10)); // held for the jump, the reader would stall an hour
        pacer.Wait(0, giveUp.Token);

        var held = Stopwatch.StartNew();
        pacer.Wait(3600 * Second, giveUp.Token);
        Assert.InRange(held.Elapsed.TotalSeconds, 0, 1);

        // Paced from the jump on: 4 s of media read at once lead the wall clock by 1 s more than the 3 s allowed.
        pacer.Wait((3600 * Second) + (4 * Second), giveUp.Token);
        Assert.InRange(held.Elapsed.TotalSeconds, 0.95, 5);
    }
}
