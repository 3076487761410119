namespace Ladder.Pipeline.Publishing;

/// <summary>The media types the origin serves.</summary>
public static class ContentTypes
{
    /// <summary>HLS playlists (RFC 8216 section 4).</summary>
    public const string HlsPlaylist = "application/vnd.apple.mpegurl";

    /// <summary>DASH manifests (ISO/IEC 23009-1 annex C).</summary>
    public const string DashManifest = "application/dash+xml";

    /// <summary>Video init segments (RFC 6381).</summary>
    public const string VideoMp4 = "video/mp4";

    /// <summary>Audio init segments and audio media segments (RFC 6381).</summary>
    public const string AudioMp4 = "audio/mp4";

    /// <summary>Video CMAF media segments (ISO/IEC 23000-19 annex F registration).</summary>
    public const string VideoSegment = "video/iso.segment";

    /// <summary>MPEG-TS media segments (RFC 8216 section 3.2; RFC 3555).</summary>
    public const string VideoMp2t = "video/mp2t";

    /// <summary>The <c>dash/time</c> resource: an ISO 8601 UTC time.</summary>
    public const string PlainText = "text/plain; charset=utf-8";
}
