using System.Globalization;

namespace Ladder.Pipeline.Publishing;

/// <summary>
/// The origin's layout (paths relative to its root). CMAF files live once, under <c>hls/&lt;track&gt;/</c>, and serve
/// both protocols: the HLS media playlists beside them name them relatively, and the DASH manifest reaches them as
/// <c>../hls/&lt;track&gt;/…</c>. A track is a video rendition (its name) or the shared <c>audio</c>.
/// <code>
/// hls/master.m3u8                  multivariant playlist
/// hls/&lt;track&gt;/playlist.m3u8        media playlist
/// hls/&lt;track&gt;/init-&lt;version&gt;.mp4   CMAF header (ftyp+moov) of a track version
/// hls/&lt;track&gt;/&lt;sequence&gt;.m4s       CMAF media segment (moof+mdat)
/// hls/&lt;track&gt;/&lt;sequence&gt;.&lt;part&gt;.m4s  Low-Latency HLS part of a segment: one CMAF chunk (moof+mdat)
/// hls/&lt;rendition&gt;/&lt;sequence&gt;.ts    MPEG-TS segment, video with the audio muxed in (outputs.hls.container: ts)
/// dash/manifest.mpd                dynamic MPD
/// dash/time                        UTC time for the MPD's UTCTiming (urn:mpeg:dash:utc:http-iso:2014)
/// </code>
/// </summary>
public static class OriginPaths
{
    /// <summary>The HLS multivariant (master) playlist.</summary>
    public const string HlsMaster = "hls/master.m3u8";

    /// <summary>The DASH manifest.</summary>
    public const string DashManifest = "dash/manifest.mpd";

    /// <summary>The time resource named by the MPD's <c>UTCTiming</c>, relative to the manifest.</summary>
    public const string DashTime = "dash/time";

    /// <summary>The media playlist of a track, relative to <see cref="HlsMaster"/>.</summary>
    /// <param name="trackId">Rendition name or <c>audio</c>.</param>
    public static string HlsPlaylistFromMaster(string trackId) => $"{trackId}/playlist.m3u8";

    /// <summary>The media playlist of a track.</summary>
    /// <param name="trackId">Rendition name or <c>audio</c>.</param>
    public static string HlsPlaylist(string trackId) => $"hls/{HlsPlaylistFromMaster(trackId)}";

    /// <summary>An init segment's file name, relative to its media playlist.</summary>
    /// <param name="version">The track version.</param>
    public static string InitFileName(int version) => string.Create(CultureInfo.InvariantCulture, $"init-{version}.mp4");

    /// <summary>A CMAF media segment's file name, relative to its media playlist.</summary>
    /// <param name="sequenceNumber">The media sequence number.</param>
    public static string SegmentFileName(long sequenceNumber) => string.Create(CultureInfo.InvariantCulture, $"{sequenceNumber}.m4s");

    /// <summary>A Low-Latency HLS part's file name, relative to its media playlist.</summary>
    /// <param name="sequenceNumber">The parent segment's sequence number.</param>
    /// <param name="index">The part's index in the segment, from 0.</param>
    public static string PartFileName(long sequenceNumber, int index) => string.Create(CultureInfo.InvariantCulture, $"{sequenceNumber}.{index}.m4s");

    /// <summary>A Low-Latency HLS part (a CMAF chunk).</summary>
    /// <param name="trackId">Rendition name or <c>audio</c>.</param>
    /// <param name="sequenceNumber">The parent segment's sequence number.</param>
    /// <param name="index">The part's index in the segment, from 0.</param>
    public static string Part(string trackId, long sequenceNumber, int index) => $"hls/{trackId}/{PartFileName(sequenceNumber, index)}";

    /// <summary>An init segment.</summary>
    /// <param name="trackId">Rendition name or <c>audio</c>.</param>
    /// <param name="version">The track version.</param>
    public static string Init(string trackId, int version) => $"hls/{trackId}/{InitFileName(version)}";

    /// <summary>A CMAF media segment.</summary>
    /// <param name="trackId">Rendition name or <c>audio</c>.</param>
    /// <param name="sequenceNumber">The media sequence number.</param>
    public static string Segment(string trackId, long sequenceNumber) => $"hls/{trackId}/{SegmentFileName(sequenceNumber)}";

    /// <summary>An MPEG-TS media segment's file name, relative to its media playlist (HLS <c>container: ts</c>).</summary>
    /// <param name="sequenceNumber">The media sequence number.</param>
    public static string TsSegmentFileName(long sequenceNumber) => string.Create(CultureInfo.InvariantCulture, $"{sequenceNumber}.ts");

    /// <summary>An MPEG-TS media segment of a video rendition (video and the shared audio muxed together).</summary>
    /// <param name="trackId">Rendition name.</param>
    /// <param name="sequenceNumber">The media sequence number.</param>
    public static string TsSegment(string trackId, long sequenceNumber) => $"hls/{trackId}/{TsSegmentFileName(sequenceNumber)}";

    /// <summary>The DASH <c>SegmentTemplate</c> paths of a track, relative to <see cref="DashManifest"/>.</summary>
    /// <param name="trackId">Rendition name or <c>audio</c>.</param>
    /// <param name="version">The track version.</param>
    /// <returns>The <c>@initialization</c> and <c>@media</c> (with <c>$Number$</c>) attributes.</returns>
    public static (string Initialization, string Media) DashTemplate(string trackId, int version) =>
        ($"../hls/{trackId}/{InitFileName(version)}", $"../hls/{trackId}/$Number$.m4s");
}
