using System.Globalization;
using System.Text;
using Ladder.Pipeline.Packaging;

namespace Ladder.Pipeline.Publishing;

/// <summary>
/// Writes a live HLS media playlist of CMAF or MPEG-TS segments (RFC 8216 section 4.3.3 and 6.2.2): the last <c>window</c>
/// segments of a track, with <c>EXT-X-MEDIA-SEQUENCE</c> and <c>EXT-X-DISCONTINUITY-SEQUENCE</c> following the
/// window as it slides, <c>EXT-X-MAP</c> wherever the track version (init segment) changes,
/// <c>EXT-X-DISCONTINUITY</c> before segments that follow a break, and <c>EXT-X-PROGRAM-DATE-TIME</c> on every segment.
/// <para>
/// Low-Latency HLS (RFC 8216bis, draft-pantos-hls-rfc8216bis): <c>EXT-X-SERVER-CONTROL</c> with
/// <c>CAN-BLOCK-RELOAD=YES</c>, <c>PART-HOLD-BACK</c> of three part targets and <c>HOLD-BACK</c> of three target
/// durations (section 4.4.3.8), <c>EXT-X-PART-INF</c> (4.4.3.7), <c>EXT-X-PART</c> for the segments within three target
/// durations of the end and for the open segment (4.4.4.9), <c>EXT-X-PRELOAD-HINT</c> for the next part (4.4.5.3) and an
/// <c>EXT-X-RENDITION-REPORT</c> per other rendition (4.4.5.4). <c>CAN-SKIP-UNTIL</c> of six target durations offers
/// Playlist Delta Updates: with <c>skip</c>, the segments that start before that boundary give way to one
/// <c>EXT-X-SKIP</c> (4.4.5.2; version 9).
/// </para>
/// </summary>
internal static class HlsMediaPlaylist
{
    /// <summary>EXT-X-MAP in a playlist without EXT-X-I-FRAMES-ONLY needs version 6 (RFC 8216 section 7); it also covers decimal EXTINF (3).</summary>
    public const int Version = 6;

    /// <summary>A Playlist Delta Update (EXT-X-SKIP) needs version 9 (RFC 8216bis section 8).</summary>
    public const int DeltaVersion = 9;

    /// <summary>MPEG-TS playlists need no EXT-X-MAP: version 3 covers decimal EXTINF (RFC 8216 section 7), the highest feature they use.</summary>
    public const int TransportStreamVersion = 3;

    /// <summary>Writes the playlist.</summary>
    /// <param name="track">The track; its segments must be non-empty.</param>
    /// <param name="window">Segments listed (the newest).</param>
    /// <param name="targetDuration">EXT-X-TARGETDURATION in seconds.</param>
    /// <param name="transportStream">Whether the segments are MPEG-TS (<c>.ts</c>, no EXT-X-MAP, version 3) rather than CMAF.</param>
    /// <param name="lowLatency">The part target and the other renditions for a Low-Latency HLS playlist; null for a classic one.</param>
    /// <param name="skip">Whether to write the Playlist Delta Update (<c>_HLS_skip=YES</c>) of a Low-Latency HLS playlist.</param>
    /// <returns>The playlist text (UTF-8, LF line ends).</returns>
    /// <exception cref="ArgumentException">The track has no segment yet.</exception>
    public static string Write(PublishedTrack track, int window, int targetDuration, bool transportStream = false, LowLatencyPlaylist? lowLatency = null, bool skip = false)
    {
        var all = track.Content.Segments;
        if (all.Count == 0)
        {
            throw new ArgumentException($"Track '{track.Id}' has no segment to list yet.", nameof(track));
        }

        var segments = all.Skip(Math.Max(0, all.Count - window)).ToList();
        var text = new StringBuilder(256 + (segments.Count * 96));
        Line(text, "#EXTM3U");
        var parts = lowLatency is null ? [] : track.Content.Parts;
        var open = parts.Where(p => p.SequenceNumber > all[^1].SequenceNumber).ToList();
        var skipped = skip && lowLatency is not null ? Skipped(segments, open, targetDuration) : 0;
        Line(text, $"#EXT-X-VERSION:{(transportStream ? TransportStreamVersion : skip && lowLatency is not null ? DeltaVersion : Version)}");
        Line(text, $"#EXT-X-TARGETDURATION:{targetDuration}");
        if (lowLatency is not null)
        {
            Line(text, $"#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL={SkipBoundary(targetDuration)},PART-HOLD-BACK={3 * lowLatency.PartTarget:0.###},HOLD-BACK={3 * targetDuration}");
            Line(text, $"#EXT-X-PART-INF:PART-TARGET={lowLatency.PartTarget:0.######}");
        }

        Line(text, $"#EXT-X-MEDIA-SEQUENCE:{segments[0].MediaSequence}");
        Line(text, $"#EXT-X-DISCONTINUITY-SEQUENCE:{segments[0].DiscontinuitySequence}");
        Line(text, "#EXT-X-INDEPENDENT-SEGMENTS");
        if (skipped > 0)
        {
            Line(text, $"#EXT-X-SKIP:SKIPPED-SEGMENTS={skipped}");
            segments = segments[skipped..];
        }

        var partsFrom = PartsFrom(segments, open, targetDuration);
        int? mapVersion = null;
        foreach (var segment in segments)
        {
            Break(text, segment.Discontinuity, segment.Version, transportStream, ref mapVersion);
            Line(text, $"#EXT-X-PROGRAM-DATE-TIME:{FormatDateTime(segment.ProgramDateTime)}");
            if (segment.SequenceNumber >= partsFrom)
            {
                Parts(text, parts.Where(p => p.SequenceNumber == segment.SequenceNumber));
            }

            Line(text, $"#EXTINF:{segment.DurationSeconds:0.000000},");
            Line(text, transportStream ? OriginPaths.TsSegmentFileName(segment.SequenceNumber) : OriginPaths.SegmentFileName(segment.SequenceNumber));
        }

        if (lowLatency is not null && !track.Ended)
        {
            if (open.Count > 0)
            {
                Break(text, open[0].Discontinuity, open[0].Version, transportStream, ref mapVersion);
                Parts(text, open);
            }

            var next = open.Count > 0 ? OriginPaths.PartFileName(open[^1].SequenceNumber, open[^1].Index + 1) : OriginPaths.PartFileName(all[^1].SequenceNumber + 1, 0);
            Line(text, $"#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"{next}\"");
            foreach (var other in lowLatency.Others)
            {
                var (msn, part) = other.LastPart;
                Line(text, $"#EXT-X-RENDITION-REPORT:URI=\"../{OriginPaths.HlsPlaylistFromMaster(other.Id)}\",LAST-MSN={msn}{(part is int p ? $",LAST-PART={p}" : string.Empty)}");
            }
        }

        if (track.Ended)
        {
            Line(text, "#EXT-X-ENDLIST");
        }

        return text.ToString();
    }

    /// <summary>The Skip Boundary in seconds (<c>CAN-SKIP-UNTIL</c>, RFC 8216bis section 4.4.3.8): six target durations, the least allowed.</summary>
    private static int SkipBoundary(int targetDuration) => 6 * targetDuration;

    /// <summary>How many of the oldest segments a delta update skips: those that start more than the Skip Boundary before the playlist's end.</summary>
    private static int Skipped(List<MediaSegment> segments, List<MediaPart> open, int targetDuration)
    {
        var tail = open.Sum(p => p.DurationSeconds);
        var kept = 0;
        for (var i = segments.Count - 1; i >= 0 && tail + segments[i].DurationSeconds <= SkipBoundary(targetDuration) + 0.001; i--)
        {
            tail += segments[i].DurationSeconds;
            kept++;
        }

        return segments.Count - kept;
    }

    /// <summary>
    /// The sequence number of the oldest segment whose parts are listed: those that start within three target
    /// durations of the playlist's end (RFC 8216bis section 4.4.4.9), counting the open segment's parts.
    /// </summary>
    private static long PartsFrom(List<MediaSegment> segments, List<MediaPart> open, int targetDuration)
    {
        var tail = open.Sum(p => p.DurationSeconds);
        var from = long.MaxValue;
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            tail += segments[i].DurationSeconds;
            if (tail > (3 * targetDuration) + 0.001)
            {
                break;
            }

            from = segments[i].SequenceNumber;
        }

        return from;
    }

    /// <summary><c>EXT-X-DISCONTINUITY</c> before a segment after a break and <c>EXT-X-MAP</c> where the track version changes.</summary>
    private static void Break(StringBuilder text, bool discontinuity, int version, bool transportStream, ref int? mapVersion)
    {
        if (discontinuity)
        {
            Line(text, "#EXT-X-DISCONTINUITY");
        }

        if (!transportStream && version != mapVersion)
        {
            Line(text, $"#EXT-X-MAP:URI=\"{OriginPaths.InitFileName(version)}\"");
            mapVersion = version;
        }
    }

    /// <summary>One <c>EXT-X-PART</c> per part (RFC 8216bis section 4.4.4.9).</summary>
    private static void Parts(StringBuilder text, IEnumerable<MediaPart> parts)
    {
        foreach (var part in parts)
        {
            Line(text, $"#EXT-X-PART:DURATION={part.DurationSeconds:0.000000},URI=\"{OriginPaths.PartFileName(part.SequenceNumber, part.Index)}\"{(part.Independent ? ",INDEPENDENT=YES" : string.Empty)}");
        }
    }

    /// <summary>An ISO 8601 date-time with milliseconds and a Z zone (RFC 8216 section 4.3.2.6, RFC 3339).</summary>
    internal static string FormatDateTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
