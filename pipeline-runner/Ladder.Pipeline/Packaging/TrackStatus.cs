using Ladder.LibAv;

namespace Ladder.Pipeline.Packaging;

/// <summary>The packaging state of one track, for the runner's status endpoint.</summary>
/// <param name="Id">Rendition name or <c>audio</c>.</param>
/// <param name="MediaType">Video or audio.</param>
/// <param name="Version">The track version being packaged; 0 before its first segment opened.</param>
/// <param name="SegmentsPublished">Media segments published since the start.</param>
/// <param name="BytesPublished">Bytes of media segments published since the start.</param>
/// <param name="LastSequenceNumber">The newest segment's sequence number; 0 before the first.</param>
/// <param name="LastSegmentDuration">The newest segment's duration in seconds; 0 before the first.</param>
/// <param name="DroppedPackets">Packets dropped because the track's queue was full (a slow muxing loop).</param>
/// <param name="DiscardedPackets">Packets left out: decode timestamps not increasing, or before the track's first segment boundary, or of a track version replaced before its first boundary.</param>
/// <param name="QueueDepth">Packets waiting in the queue now.</param>
/// <param name="Ended">True once the track was removed and its last segment published.</param>
public sealed record TrackStatus(
    string Id,
    MediaType MediaType,
    int Version,
    long SegmentsPublished,
    long BytesPublished,
    long LastSequenceNumber,
    double LastSegmentDuration,
    long DroppedPackets,
    long DiscardedPackets,
    int QueueDepth,
    bool Ended)
{
    /// <summary>True from an unexpected error on the track's muxing loop until its next segment is published (the track restarts at the next boundary).</summary>
    public bool Failed { get; init; }

    /// <summary>The text of the latest error on the track's muxing loop (exception type and message); null if none ever happened.</summary>
    public string? LastError { get; init; }

    /// <summary>Unexpected errors on the track's muxing loop since the start; each dropped the open segment.</summary>
    public long Failures { get; init; }

    /// <summary>
    /// Segments ended early because they reached the longest duration <c>EXT-X-TARGETDURATION</c> allows (RFC 8216
    /// section 4.3.3.1) without a keyframe to cut on; each is followed by a discontinuity.
    /// </summary>
    public long OverlongSegments { get; init; }

    /// <summary>
    /// True while this video rendition is degraded: <see cref="LaggingRenditions.SegmentsBehind"/> or more segments behind
    /// the newest rendition (its encoder keeps failing or cannot keep up), and so left out of the master playlist and the MPD.
    /// </summary>
    public bool Degraded { get; init; }
}
