namespace Ladder.Pipeline.Packaging;

/// <summary>
/// One published media segment of a track: a CMAF fragment (<c>moof</c> + <c>mdat</c>) or an MPEG-TS segment.
/// Segments with the same <see cref="SequenceNumber"/> start at the same presentation time in every track
/// (audio: at its first frame at or after that time).
/// </summary>
/// <param name="SequenceNumber">The media sequence number (RFC 8216 section 4.3.3.2) and DASH <c>$Number$</c>; equal across tracks for the same boundary.</param>
/// <param name="Version">The track version whose init segment decodes it.</param>
/// <param name="StartTime">Presentation time of its first frame in <see cref="Timescale"/> ticks, on the packaged media timeline (the output timeline plus <see cref="PackagingSettings.MediaTimeOffset"/>).</param>
/// <param name="Duration">Duration in <see cref="Timescale"/> ticks.</param>
/// <param name="Timescale">Ticks per second.</param>
/// <param name="ProgramDateTime">Wall-clock time of its first frame (<c>EXT-X-PROGRAM-DATE-TIME</c>, RFC 8216 section 4.3.2.6).</param>
/// <param name="Discontinuity">True when it follows a break: a new track version or a timestamp jump (<c>EXT-X-DISCONTINUITY</c>, RFC 8216 section 4.3.2.3).</param>
/// <param name="DiscontinuitySequence">The discontinuity sequence number of the segment before it (RFC 8216 section 4.3.3.3): how many earlier segments of the track carried <see cref="Discontinuity"/>.</param>
/// <param name="Bytes">The file's bytes.</param>
public sealed record MediaSegment(
    long SequenceNumber,
    int Version,
    long StartTime,
    long Duration,
    int Timescale,
    DateTimeOffset ProgramDateTime,
    bool Discontinuity,
    long DiscontinuitySequence,
    ReadOnlyMemory<byte> Bytes)
{
    /// <summary>
    /// The segment's number in its HLS media playlist (RFC 8216 section 4.3.3.2): <see cref="SequenceNumber"/> unless
    /// the track lost a segment (a muxing failure), after which the playlist's numbers stay consecutive one below
    /// the file names per segment lost, so a segment keeps its number as the window slides (section 6.2.2).
    /// </summary>
    public long MediaSequence { get; init; } = SequenceNumber;

    /// <summary>Duration in seconds.</summary>
    public double DurationSeconds => (double)Duration / Timescale;

    /// <summary>Bits/s of this segment: its size over its duration.</summary>
    public long Bitrate => Duration > 0 ? (long)Math.Ceiling(Bytes.Length * 8.0 / DurationSeconds) : 0;
}
