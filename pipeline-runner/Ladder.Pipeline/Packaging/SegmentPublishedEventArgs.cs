namespace Ladder.Pipeline.Packaging;

/// <summary>A media segment of a track was published and is listed in the playlists and the manifest.</summary>
/// <param name="trackId">Rendition name or <c>audio</c>.</param>
/// <param name="segment">The segment.</param>
public sealed class SegmentPublishedEventArgs(string trackId, MediaSegment segment) : EventArgs
{
    /// <summary>Rendition name or <c>audio</c>.</summary>
    public string TrackId { get; } = trackId;

    /// <summary>The segment.</summary>
    public MediaSegment Segment { get; } = segment;
}
