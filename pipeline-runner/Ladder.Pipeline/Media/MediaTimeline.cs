namespace Ladder.Pipeline.Media;

/// <summary>
/// The pipeline's output timeline: presentation time zero corresponds to <see cref="Origin"/> in wall-clock time,
/// so a packager can write <c>EXT-X-PROGRAM-DATE-TIME</c> (RFC 8216 section 4.3.2.6) and a DASH
/// <c>availabilityStartTime</c> (ISO/IEC 23009-1 section 5.3.1.2) that agree with each other.
/// </summary>
/// <param name="Origin">The UTC wall-clock time of output presentation time zero.</param>
public sealed record MediaTimeline(DateTimeOffset Origin)
{
    /// <summary>The wall-clock time of an output presentation time.</summary>
    /// <param name="seconds">Seconds on the output timeline.</param>
    /// <returns>The UTC time.</returns>
    public DateTimeOffset ToWallClock(double seconds) => Origin.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
}
