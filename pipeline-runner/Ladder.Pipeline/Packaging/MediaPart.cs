namespace Ladder.Pipeline.Packaging;

/// <summary>
/// One published Low-Latency HLS partial segment of a track (RFC 8216bis section 4.4.4.9, <c>EXT-X-PART</c>): a CMAF
/// chunk (<c>moof</c> + <c>mdat</c>); a segment's parts, in order, make up its bytes.
/// </summary>
/// <param name="SequenceNumber">The parent segment's <see cref="MediaSegment.SequenceNumber"/> (its file name).</param>
/// <param name="Index">The part's index in its parent segment, from 0.</param>
/// <param name="Version">The track version whose init segment decodes it.</param>
/// <param name="Discontinuity">Whether its parent segment follows a break (<c>EXT-X-DISCONTINUITY</c>).</param>
/// <param name="DurationSeconds">Its duration in seconds: at most the part target unless one frame is longer.</param>
/// <param name="Independent">Whether it starts with a keyframe (<c>INDEPENDENT=YES</c>).</param>
/// <param name="Bytes">The chunk's bytes.</param>
public sealed record MediaPart(long SequenceNumber, int Index, int Version, bool Discontinuity, double DurationSeconds, bool Independent, ReadOnlyMemory<byte> Bytes);
