namespace Ladder.Pipeline.Publishing;

/// <summary>
/// What the runner's HTTP origin serves: playlists, manifests and segments by relative path (for example
/// <c>hls/master.m3u8</c>, <c>hls/720p/playlist.m3u8</c>, <c>hls/720p/init.mp4</c>, <c>hls/720p/42.m4s</c>,
/// <c>dash/manifest.mpd</c>). Implementations are thread-safe and answer from memory without blocking.
/// </summary>
public interface IOriginContent
{
    /// <summary>Looks up one resource.</summary>
    /// <param name="path">The path relative to the origin root, without a leading slash.</param>
    /// <returns>The resource, or null when it does not exist (never existed, or slid out of the live window).</returns>
    OriginResource? Get(string path);

    /// <summary>A task that completes the next time the resource at <paramref name="path"/> is published or withdrawn; it holds no thread.</summary>
    /// <param name="path">The path relative to the origin root, without a leading slash.</param>
    /// <returns>The task; take it before <see cref="Get"/> so no change is missed.</returns>
    Task Changed(string path);
}
