using Ladder.LibAv;
using Ladder.Pipeline.Media;

namespace Ladder.Pipeline.Push;

/// <summary>A packet waiting in a destination's queue: the destination's own reference (<c>av_packet_ref</c>) to the data.</summary>
/// <param name="Track">The track version the packet belongs to (its time base).</param>
/// <param name="Packet">A pooled packet referencing the data; returned to the pool once muxed or dropped.</param>
internal readonly record struct PushQueuedPacket(TrackInfo Track, Packet Packet);
