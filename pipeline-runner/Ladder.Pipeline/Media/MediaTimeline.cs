namespace Ladder.Pipeline.Media;

/// <summary>
/// The pipeline's output timeline: presentation time zero corresponds to <see cref="Origin"/> in wall-clock time,
/// so a packager can write <c>EXT-X-PROGRAM-DATE-TIME</c> (RFC 8216 section 4.3.2.6) and a DASH
/// <c>availabilityStartTime</c> (ISO/IEC 23009-1 section 5.3.1.2) that agree with each other. The origin is provisional
/// (the pipeline's start) until the first packet is placed on the timeline: the ingest then <see cref="Anchor"/>s it to
/// that packet's arrival, so the wall-clock time of a frame is when it arrived, however long the input took to come.
/// </summary>
/// <param name="provisionalOrigin">The UTC wall-clock time the pipeline started: the origin until the first packet anchors it.</param>
public sealed class MediaTimeline(DateTimeOffset provisionalOrigin)
{
    private long _originTicks = provisionalOrigin.UtcTicks;
    private int _anchored;

    /// <summary>The UTC wall-clock time of output presentation time zero.</summary>
    public DateTimeOffset Origin => new(Volatile.Read(ref _originTicks), TimeSpan.Zero);

    /// <summary>True once the first packet has set <see cref="Origin"/>.</summary>
    public bool IsAnchored => Volatile.Read(ref _anchored) == 1;

    /// <summary>Sets <see cref="Origin"/> once, from the first packet placed on the timeline; later calls do nothing.</summary>
    /// <param name="arrival">The UTC wall-clock time the packet arrived.</param>
    /// <param name="presentationSeconds">Its presentation time on the output timeline, seconds.</param>
    public void Anchor(DateTimeOffset arrival, double presentationSeconds)
    {
        if (Interlocked.CompareExchange(ref _anchored, 1, 0) == 0)
        {
            Volatile.Write(ref _originTicks, arrival.UtcTicks - (long)Math.Round(presentationSeconds * TimeSpan.TicksPerSecond));
        }
    }

    /// <summary>The wall-clock time of an output presentation time.</summary>
    /// <param name="seconds">Seconds on the output timeline.</param>
    /// <returns>The UTC time.</returns>
    public DateTimeOffset ToWallClock(double seconds) => Origin.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
}
