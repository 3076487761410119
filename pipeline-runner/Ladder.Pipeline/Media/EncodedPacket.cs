using Ladder.LibAv;

namespace Ladder.Pipeline.Media;

/// <summary>
/// One encoded packet on its way from an encoder (or the passthrough path) to the packagers, on the pipeline's
/// output timeline: timestamps start near zero when the pipeline starts, never go backwards per track, and stay
/// continuous across input failovers.
/// </summary>
/// <param name="Track">The track the packet belongs to; its <see cref="TrackInfo.TimeBase"/> is the time base of the timestamps.</param>
/// <param name="Packet">The packet (PTS/DTS/duration in <see cref="TrackInfo.TimeBase"/> ticks). The receiver takes a new reference (<c>av_packet_ref</c>) if it keeps it beyond the call.</param>
/// <param name="StartsSegment">
/// True on the video keyframe (IDR) that opens a new segment: the media core forces these on the same presentation
/// times in every rendition (every GOP, or on the source's keyframes when a passthrough rendition sets the pace),
/// so segment boundaries line up across the ladder. Always false for audio: packagers cut audio at the boundary
/// times the video announces.
/// </param>
public readonly record struct EncodedPacket(TrackInfo Track, Packet Packet, bool StartsSegment);
