using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavformat/avformat.h <c>AVStream</c>; only the fields Ladder reads or sets.</summary>
[StructLayout(LayoutKind.Explicit)]
internal unsafe struct AVStream
{
    [FieldOffset(0)] public int index;
    [FieldOffset(4)] public int id;
    [FieldOffset(16)] public AVRational time_base;
    [FieldOffset(24)] public long start_time;
    [FieldOffset(32)] public long duration;
    [FieldOffset(40)] public long nb_frames;
    [FieldOffset(72)] public AVRational avg_frame_rate;
    [FieldOffset(200)] public AVRational r_frame_rate;
    [FieldOffset(208)] public AVCodecParameters* codecpar;
}
