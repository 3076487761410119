namespace Ladder.Pipeline.Publishing;

/// <summary>What a Low-Latency HLS media playlist (RFC 8216bis) lists beside its own segments and parts.</summary>
/// <param name="PartTarget">The part target duration in seconds (<c>EXT-X-PART-INF:PART-TARGET</c>, section 4.4.3.7).</param>
/// <param name="Others">The other renditions' tracks, for <c>EXT-X-RENDITION-REPORT</c> (section 4.4.5.4).</param>
internal sealed record LowLatencyPlaylist(double PartTarget, IReadOnlyList<PublishedTrack> Others);
