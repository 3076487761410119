namespace Ladder.Pipeline.Publishing;

/// <summary>
/// Where a Low-Latency HLS media playlist stands, for blocking playlist reload (RFC 8216bis section 6.2.5.2): its last
/// complete segment and its newest part, by media sequence number (MSN) and part index.
/// </summary>
/// <param name="LastMsn">The media sequence number of the last complete segment.</param>
/// <param name="PartMsn">The MSN of the newest part's segment: <paramref name="LastMsn"/>, or the open segment after it.</param>
/// <param name="Part">The newest part's index in that segment; null before any part.</param>
/// <param name="TargetDuration">The playlist's <c>EXT-X-TARGETDURATION</c> in seconds: a blocked request waits at most three of them.</param>
public sealed record PlaylistPosition(long LastMsn, long PartMsn, int? Part, int TargetDuration)
{
    /// <summary>
    /// Whether the playlist holds segment <paramref name="msn"/>, or (with <paramref name="part"/>) that part of it:
    /// a complete segment holds all its parts.
    /// </summary>
    /// <param name="msn">The requested <c>_HLS_msn</c>.</param>
    /// <param name="part">The requested <c>_HLS_part</c>; null for the whole segment.</param>
    public bool Holds(long msn, int? part) =>
        LastMsn >= msn || (part is int wanted && PartMsn == msn && Part is int newest && newest >= wanted);

    /// <summary>Whether <paramref name="msn"/> is more than two segments past the last one: the spec's 400 Bad Request.</summary>
    /// <param name="msn">The requested <c>_HLS_msn</c>.</param>
    public bool TooFarAhead(long msn) => msn > LastMsn + 2;
}
