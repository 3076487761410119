namespace Ladder.Pipeline.Packaging;

/// <summary>
/// A Low-Latency HLS partial segment as the segmenter decided it (RFC 8216bis section 4.4.4.9, <c>EXT-X-PART</c>):
/// one CMAF chunk (<c>moof</c> + <c>mdat</c>) of the open segment, made of the frames written since the previous part.
/// </summary>
/// <param name="Sequence">The parent segment's sequence number.</param>
/// <param name="Index">The part's index in its segment, from 0.</param>
/// <param name="Duration">Its duration in <see cref="TrackTiming.TimeBase"/> ticks: the sum of its frames' durations.</param>
/// <param name="Independent">Whether its first frame is a keyframe (<c>INDEPENDENT=YES</c>).</param>
internal sealed record PartSpan(long Sequence, int Index, long Duration, bool Independent);
