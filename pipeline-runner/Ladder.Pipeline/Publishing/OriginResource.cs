namespace Ladder.Pipeline.Publishing;

/// <summary>One resource the origin serves.</summary>
/// <param name="Content">The bytes; never modified after publication.</param>
/// <param name="ContentType">The media type, e.g. <c>application/vnd.apple.mpegurl</c> (RFC 8216 section 4), <c>application/dash+xml</c>, <c>video/mp4</c>, <c>video/iso.segment</c>, <c>video/mp2t</c>.</param>
/// <param name="MaxAge">
/// How long HTTP caches may keep it (<c>Cache-Control: max-age</c>): about half a target duration for live
/// playlists and manifests, long for segments and init segments, which never change once published.
/// </param>
public sealed record OriginResource(ReadOnlyMemory<byte> Content, string ContentType, TimeSpan MaxAge)
{
    /// <summary>For a Low-Latency HLS media playlist, where it stands (for blocking playlist reload); null otherwise.</summary>
    public PlaylistPosition? Position { get; init; }

    /// <summary>
    /// For a CMAF chunk of a segment in progress (<see cref="OriginPaths.Part"/>), how long a request streaming that
    /// segment waits for what follows it (the next chunk, or the completed segment) before it gives up: three target
    /// durations, the limit RFC 8216bis section 6.2.5.2 sets on a blocked playlist reload; null otherwise.
    /// </summary>
    public TimeSpan? FollowWithin { get; init; }

    /// <summary>For a Low-Latency HLS media playlist, its Playlist Delta Update (RFC 8216bis section 6.2.5.1), served for <c>_HLS_skip=YES</c>; null otherwise.</summary>
    public ReadOnlyMemory<byte>? Delta { get; init; }
}
