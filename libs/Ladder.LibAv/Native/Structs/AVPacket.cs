using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavcodec/packet.h <c>AVPacket</c>; only the fields Ladder reads. Allocated by <c>av_packet_alloc</c>, never by value.</summary>
[StructLayout(LayoutKind.Explicit)]
internal unsafe struct AVPacket
{
    [FieldOffset(0)] public AVBufferRef* buf;
    [FieldOffset(8)] public long pts;
    [FieldOffset(16)] public long dts;
    [FieldOffset(24)] public byte* data;
    [FieldOffset(32)] public int size;
    [FieldOffset(36)] public int stream_index;
    [FieldOffset(40)] public int flags;
    [FieldOffset(64)] public long duration;
    [FieldOffset(72)] public long pos;
    [FieldOffset(96)] public AVRational time_base;
}
