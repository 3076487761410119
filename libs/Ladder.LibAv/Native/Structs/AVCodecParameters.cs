using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavcodec/codec_par.h <c>AVCodecParameters</c>; only the fields Ladder reads.</summary>
[StructLayout(LayoutKind.Explicit)]
internal unsafe struct AVCodecParameters
{
    [FieldOffset(0)] public int codec_type;
    [FieldOffset(4)] public int codec_id;
    [FieldOffset(8)] public uint codec_tag;
    [FieldOffset(16)] public byte* extradata;
    [FieldOffset(24)] public int extradata_size;
    [FieldOffset(28)] public int format;
    [FieldOffset(32)] public long bit_rate;
    [FieldOffset(48)] public int profile;
    [FieldOffset(52)] public int level;
    [FieldOffset(56)] public int width;
    [FieldOffset(60)] public int height;
    [FieldOffset(116)] public int sample_rate;
    [FieldOffset(124)] public int frame_size;
    [FieldOffset(144)] public AVChannelLayout ch_layout;
}
