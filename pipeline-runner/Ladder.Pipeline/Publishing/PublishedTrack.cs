using Ladder.Pipeline.Packaging;

namespace Ladder.Pipeline.Publishing;

/// <summary>What the playlist and manifest writers read of one track: its id and a snapshot of its segment window.</summary>
/// <param name="Id">Rendition name or <c>audio</c>.</param>
/// <param name="Content">Init and media segments.</param>
/// <param name="Ended">True once the track was removed: no segment follows (<c>EXT-X-ENDLIST</c>).</param>
/// <param name="PeakBitrate">The largest segment bitrate seen in the track's life, bits/s; 0 before the first segment.</param>
internal sealed record PublishedTrack(string Id, SegmentWindow.Snapshot Content, bool Ended, long PeakBitrate)
{
    /// <summary>The newest format; null before the first init segment.</summary>
    public TrackFormat? Format => Content.LatestInit?.Format;

    /// <summary>BANDWIDTH (RFC 8216 section 4.3.4.2): the measured peak once a segment exists, else the configured peak, bits/s.</summary>
    public long Bandwidth => PeakBitrate > 0 ? PeakBitrate : Format?.MaxBitrate ?? 0;

    /// <summary>
    /// The newest part's position as a Low-Latency HLS playlist numbers it (RFC 8216bis section 6.2.5.2): the media
    /// sequence number of its segment (the open one counts as the next after the newest closed segment) and its index.
    /// Without parts, the newest segment and a null part; (0, null) before the first segment.
    /// </summary>
    public (long Msn, int? Part) LastPart
    {
        get
        {
            var segments = Content.Segments;
            if (segments.Count == 0)
            {
                return (0, null);
            }

            var last = segments[^1];
            var parts = Content.Parts;
            if (parts.Count == 0)
            {
                return (last.MediaSequence, null);
            }

            var newest = parts[^1];
            return newest.SequenceNumber > last.SequenceNumber ? (last.MediaSequence + 1, newest.Index)
                : newest.SequenceNumber == last.SequenceNumber ? (last.MediaSequence, newest.Index)
                : (last.MediaSequence, null);
        }
    }

    /// <summary>AVERAGE-BANDWIDTH: the mean bitrate over the kept segments, else the configured target, bits/s.</summary>
    public long AverageBandwidth
    {
        get
        {
            var segments = Content.Segments;
            var seconds = segments.Sum(s => s.DurationSeconds);
            return seconds > 0 ? (long)Math.Ceiling(segments.Sum(s => (double)s.Bytes.Length) * 8 / seconds) : Format?.Bitrate ?? 0;
        }
    }
}
