using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavformat/avformat.h <c>AVFormatContext</c>; only the fields Ladder reads or sets.</summary>
[StructLayout(LayoutKind.Explicit)]
internal unsafe struct AVFormatContext
{
    [FieldOffset(8)] public void* iformat;
    [FieldOffset(16)] public AVOutputFormat* oformat;
    [FieldOffset(32)] public AVIOContext* pb;
    [FieldOffset(44)] public uint nb_streams;
    [FieldOffset(48)] public AVStream** streams;
    [FieldOffset(56)] public byte* url;
    [FieldOffset(64)] public long start_time;
    [FieldOffset(72)] public long duration;
    [FieldOffset(80)] public long bit_rate;
    [FieldOffset(96)] public int flags;
    [FieldOffset(200)] public AVIOInterruptCB interrupt_callback;
}
