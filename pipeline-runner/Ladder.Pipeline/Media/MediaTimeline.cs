namespace Ladder.Pipeline.Media;

/// <summary>
/// The pipeline's output timeline: presentation time zero corresponds to <see cref="Origin"/> in wall-clock time,
/// so a packager can write <c>EXT-X-PROGRAM-DATE-TIME</c> (RFC 8216 section 4.3.2.6) and a DASH
/// <c>availabilityStartTime</c> (ISO/IEC 23009-1 section 5.3.1.2) that agree with each other, and a frame's date is
/// when it arrived. The ingest <see cref="Observe"/>s each video packet's arrival: until the first date is written
/// (<see cref="ToWallClock"/>), the origin is the earliest arrival less decode time seen. A live sender's packets
/// arrive in real time, so that is when its frames came; the burst a demuxer hands over after reading ahead to identify
/// the streams (up to a second or more, all at once) arrives late on that scale and does not move it. Before the
/// first packet the origin is <see cref="Started"/>.
/// </summary>
/// <param name="started">The UTC wall-clock time the pipeline started.</param>
public sealed class MediaTimeline(DateTimeOffset started)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _origin;
    private volatile bool _fixed;

    /// <summary>When the pipeline started: fixed from the start (segment numbering counts from it).</summary>
    public DateTimeOffset Started { get; } = started;

    /// <summary>The UTC wall-clock time of output presentation time zero: <see cref="Started"/> until the first packet.</summary>
    public DateTimeOffset Origin
    {
        get
        {
            lock (_lock)
            {
                return _origin ?? Started;
            }
        }
    }

    /// <summary>True once a packet has set <see cref="Origin"/>.</summary>
    public bool IsAnchored
    {
        get
        {
            lock (_lock)
            {
                return _origin is not null;
            }
        }
    }

    /// <summary>Takes a video packet's arrival into the origin, until the first date is written; then does nothing.</summary>
    /// <param name="arrival">The UTC wall-clock time the demuxer handed the packet over.</param>
    /// <param name="decodeSeconds">Its decode time (DTS) on the output timeline, seconds: a sender paces packets on it.</param>
    public void Observe(DateTimeOffset arrival, double decodeSeconds)
    {
        if (_fixed)
        {
            return;
        }

        var candidate = arrival.AddTicks(-(long)Math.Round(decodeSeconds * TimeSpan.TicksPerSecond));
        lock (_lock)
        {
            if (!_fixed && (_origin is null || candidate < _origin))
            {
                _origin = candidate;
            }
        }
    }

    /// <summary>The wall-clock time of an output presentation time; the first call fixes <see cref="Origin"/> for good.</summary>
    /// <param name="seconds">Seconds on the output timeline.</param>
    /// <returns>The UTC time.</returns>
    public DateTimeOffset ToWallClock(double seconds)
    {
        lock (_lock)
        {
            _fixed = true;
            return (_origin ?? Started).AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        }
    }
}
