using System.Diagnostics;
using Ladder.Pipeline.Stages;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// Holds packets of a file input back until their time comes, like <c>ffmpeg -re</c>: DTS on the output timeline
/// against the wall clock since the session's first packet.
/// </summary>
internal sealed class RealtimePacer
{
    private long _startTimestamp;
    private long _startTicks = long.MinValue;

    /// <summary>Forgets the reference point; the next packet starts a new one.</summary>
    public void Reset() => _startTicks = long.MinValue;

    /// <summary>Blocks until wall-clock time reaches <paramref name="dts"/> (pipeline ticks).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void Wait(long dts, CancellationToken cancellationToken)
    {
        if (_startTicks == long.MinValue)
        {
            _startTicks = dts;
            _startTimestamp = Stopwatch.GetTimestamp();
            return;
        }

        var due = TimeSpan.FromSeconds(PipelineTime.ToSeconds(dts - _startTicks)) - Stopwatch.GetElapsedTime(_startTimestamp);
        if (due > TimeSpan.Zero && cancellationToken.WaitHandle.WaitOne(due))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
