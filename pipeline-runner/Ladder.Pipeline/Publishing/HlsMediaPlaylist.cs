using System.Globalization;
using System.Text;

namespace Ladder.Pipeline.Publishing;

/// <summary>
/// Writes a live HLS media playlist of CMAF or MPEG-TS segments (RFC 8216 section 4.3.3 and 6.2.2): the last <c>window</c>
/// segments of a track, with <c>EXT-X-MEDIA-SEQUENCE</c> and <c>EXT-X-DISCONTINUITY-SEQUENCE</c> following the
/// window as it slides, <c>EXT-X-MAP</c> wherever the track version (init segment) changes,
/// <c>EXT-X-DISCONTINUITY</c> before segments that follow a break, and <c>EXT-X-PROGRAM-DATE-TIME</c> on every segment.
/// </summary>
internal static class HlsMediaPlaylist
{
    /// <summary>EXT-X-MAP in a playlist without EXT-X-I-FRAMES-ONLY needs version 6 (RFC 8216 section 7); it also covers decimal EXTINF (3).</summary>
    public const int Version = 6;

    /// <summary>MPEG-TS playlists need no EXT-X-MAP: version 3 covers decimal EXTINF (RFC 8216 section 7), the highest feature they use.</summary>
    public const int TransportStreamVersion = 3;

    /// <summary>Writes the playlist.</summary>
    /// <param name="track">The track; its segments must be non-empty.</param>
    /// <param name="window">Segments listed (the newest).</param>
    /// <param name="targetDuration">EXT-X-TARGETDURATION in seconds.</param>
    /// <param name="transportStream">Whether the segments are MPEG-TS (<c>.ts</c>, no EXT-X-MAP, version 3) rather than CMAF.</param>
    /// <returns>The playlist text (UTF-8, LF line ends).</returns>
    /// <exception cref="ArgumentException">The track has no segment yet.</exception>
    public static string Write(PublishedTrack track, int window, int targetDuration, bool transportStream = false)
    {
        var all = track.Content.Segments;
        if (all.Count == 0)
        {
            throw new ArgumentException($"Track '{track.Id}' has no segment to list yet.", nameof(track));
        }

        var segments = all.Skip(Math.Max(0, all.Count - window)).ToList();
        var text = new StringBuilder(256 + (segments.Count * 96));
        Line(text, "#EXTM3U");
        Line(text, $"#EXT-X-VERSION:{(transportStream ? TransportStreamVersion : Version)}");
        Line(text, $"#EXT-X-TARGETDURATION:{targetDuration}");
        Line(text, $"#EXT-X-MEDIA-SEQUENCE:{segments[0].MediaSequence}");
        Line(text, $"#EXT-X-DISCONTINUITY-SEQUENCE:{segments[0].DiscontinuitySequence}");
        Line(text, "#EXT-X-INDEPENDENT-SEGMENTS");
        int? mapVersion = null;
        foreach (var segment in segments)
        {
            if (segment.Discontinuity)
            {
                Line(text, "#EXT-X-DISCONTINUITY");
            }

            if (!transportStream && segment.Version != mapVersion)
            {
                Line(text, $"#EXT-X-MAP:URI=\"{OriginPaths.InitFileName(segment.Version)}\"");
                mapVersion = segment.Version;
            }

            Line(text, $"#EXT-X-PROGRAM-DATE-TIME:{FormatDateTime(segment.ProgramDateTime)}");
            Line(text, $"#EXTINF:{segment.DurationSeconds:0.000000},");
            Line(text, transportStream ? OriginPaths.TsSegmentFileName(segment.SequenceNumber) : OriginPaths.SegmentFileName(segment.SequenceNumber));
        }

        if (track.Ended)
        {
            Line(text, "#EXT-X-ENDLIST");
        }

        return text.ToString();
    }

    /// <summary>An ISO 8601 date-time with milliseconds and a Z zone (RFC 8216 section 4.3.2.6, RFC 3339).</summary>
    internal static string FormatDateTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
