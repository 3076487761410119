namespace Ladder.Runner.Status;

/// <summary>One rendition of the ladder.</summary>
/// <param name="Name">Rendition name.</param>
/// <param name="Passthrough">True when the source video is copied.</param>
/// <param name="Width">Width in pixels, or null for passthrough.</param>
/// <param name="Height">Height in pixels, or null for passthrough.</param>
/// <param name="Bitrate">Target bitrate in bits/s, or null for passthrough.</param>
/// <param name="Playlist">The media playlist's URL path, or null when HLS is off.</param>
/// <param name="Published">True once its first segment is published.</param>
/// <param name="Degraded">
/// True while the rendition is three or more segments behind the newest one (its encoder keeps failing or cannot keep
/// up) and so left out of the master playlist and the MPD; false again once it catches up.
/// </param>
internal sealed record RenditionStatus(string Name, bool Passthrough, int? Width, int? Height, long? Bitrate, string? Playlist, bool Published, bool Degraded);
