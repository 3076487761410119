using Ladder.LibAv;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// One item of a decoder's or passthrough's queue: either a pooled packet (timestamps already on the output
/// timeline, in pipeline ticks of 1/90000 s) or a <see cref="SourceFormat"/> announcing a (re)opened input.
/// </summary>
internal readonly record struct SourcePacket(Packet? Packet, SourceFormat? Format);
