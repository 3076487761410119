using Ladder.LibAv;
using Ladder.Pipeline.Media;

namespace Ladder.Pipeline.Packaging;

/// <summary>A packet waiting in a track's queue: the packager's own reference to the data, with its track version.</summary>
/// <param name="Track">The track version the packet belongs to.</param>
/// <param name="Packet">The packager's reference (<c>av_packet_clone</c>); disposed once muxed or dropped.</param>
/// <param name="StartsSegment">Whether it is a segment-starting keyframe (<see cref="EncodedPacket.StartsSegment"/>).</param>
internal readonly record struct QueuedPacket(TrackInfo Track, Packet Packet, bool StartsSegment)
{
    /// <summary>A marker without a packet that wakes an audio loop when a new boundary is announced.</summary>
    public static QueuedPacket Wake => default;

    /// <summary>Whether this is the <see cref="Wake"/> marker.</summary>
    public bool IsWake => Packet is null;
}
