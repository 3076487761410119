using System.Diagnostics;
using Ladder.Pipeline.Stages;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// Holds packets back until their time comes, like <c>ffmpeg -re</c>: DTS against the wall clock since the
/// session's first packet, allowing the packets to lead the wall clock by at most <c>lead</c> (zero for a paced
/// file; a few seconds for a live input, whose sender may burst what it buffered). A live input whose packets keep
/// coming faster than their timestamps say is read no faster than real time. A packet due over 2 s from now is a jump
/// of the input's clock (a restarted sender, an MPEG-TS discontinuity), not a burst, and pacing starts again from it,
/// as the output timeline does (<see cref="TimestampNormalizer"/>): the reader is never held for the size of a jump.
/// </summary>
/// <param name="lead">How far packets may run ahead of the wall clock before the reader waits.</param>
internal sealed class RealtimePacer(TimeSpan lead)
{
    /// <summary>The longest a packet is held; a packet due later starts the pacing again.</summary>
    private static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(2);
    private long _startTimestamp;
    private long _startTicks = long.MinValue;

    /// <summary>Forgets the reference point; the next packet starts a new one.</summary>
    public void Reset() => _startTicks = long.MinValue;

    /// <summary>Blocks until wall-clock time reaches <paramref name="dts"/> (pipeline ticks) less the lead.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void Wait(long dts, CancellationToken cancellationToken)
    {
        var due = _startTicks == long.MinValue
            ? TimeSpan.MaxValue
            : TimeSpan.FromSeconds(PipelineTime.ToSeconds(dts - _startTicks)) - lead - Stopwatch.GetElapsedTime(_startTimestamp);
        if (due > MaxHold)
        {
            _startTicks = dts;
            _startTimestamp = Stopwatch.GetTimestamp();
            return;
        }

        if (due > TimeSpan.Zero && cancellationToken.WaitHandle.WaitOne(due))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
