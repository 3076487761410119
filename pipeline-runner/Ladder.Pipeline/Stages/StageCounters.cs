using System.Diagnostics;

namespace Ladder.Pipeline.Stages;

/// <summary>
/// The running figures of one stage, written by its loop thread and read by status and metrics from any thread.
/// Totals are exact; the rates (<see cref="Fps"/>, <see cref="Bitrate"/>, <see cref="Speed"/>) are measured over
/// windows of about one second of wall-clock time.
/// </summary>
internal sealed class StageCounters
{
    private static readonly long WindowTicks = Stopwatch.Frequency;
    private readonly Lock _windowLock = new();
    private long _items;
    private long _bytes;
    private long _dropped;
    private long _mediaTicks;
    private long _windowStart = Stopwatch.GetTimestamp();
    private long _windowItems;
    private long _windowBytes;
    private long _windowMediaTicks = -1;
    private double _fps;
    private double _bitrate;
    private double _speed;

    /// <summary>Packets or frames the stage produced (ingest: packets read; decode: frames; encode: packets).</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>Bytes of compressed data the stage read or wrote.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Packets or frames dropped because a downstream queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The latest output presentation time in seconds.</summary>
    public double MediaSeconds => Interlocked.Read(ref _mediaTicks) / (double)PipelineTime.Frequency;

    /// <summary>Items per second over the last window.</summary>
    public double Fps => Volatile.Read(ref _fps);

    /// <summary>Bits per second over the last window.</summary>
    public double Bitrate => Volatile.Read(ref _bitrate);

    /// <summary>Media seconds produced per wall-clock second over the last window (1.0 = realtime).</summary>
    public double Speed => Volatile.Read(ref _speed);

    /// <summary>Records one item of <paramref name="bytes"/> bytes at output time <paramref name="pipelineTicks"/> (1/90000 s; <see cref="Ladder.LibAv.Timestamp.None"/> when unknown).</summary>
    public void Record(int bytes, long pipelineTicks)
    {
        Interlocked.Increment(ref _items);
        Interlocked.Add(ref _bytes, bytes);
        if (pipelineTicks != Ladder.LibAv.Timestamp.None && pipelineTicks > Interlocked.Read(ref _mediaTicks))
        {
            Interlocked.Exchange(ref _mediaTicks, pipelineTicks);
        }

        var now = Stopwatch.GetTimestamp();
        if (now - Volatile.Read(ref _windowStart) >= WindowTicks)
        {
            RollWindow(now);
        }
    }

    /// <summary>Records one dropped item.</summary>
    public void RecordDrop() => Interlocked.Increment(ref _dropped);

    private void RollWindow(long now)
    {
        lock (_windowLock)
        {
            var elapsed = (now - _windowStart) / (double)Stopwatch.Frequency;
            if (elapsed < 1)
            {
                return;
            }

            var items = Items;
            var bytes = Bytes;
            var media = Interlocked.Read(ref _mediaTicks);
            Volatile.Write(ref _fps, (items - _windowItems) / elapsed);
            Volatile.Write(ref _bitrate, (bytes - _windowBytes) * 8 / elapsed);
            Volatile.Write(ref _speed, _windowMediaTicks < 0 ? 0 : (media - _windowMediaTicks) / (double)PipelineTime.Frequency / elapsed);
            _windowItems = items;
            _windowBytes = bytes;
            _windowMediaTicks = media;
            Volatile.Write(ref _windowStart, now);
        }
    }
}
