using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavcodec/avcodec.h <c>AVCodecContext</c>; only the fields Ladder reads or sets before <c>avcodec_open2</c>.</summary>
[StructLayout(LayoutKind.Explicit)]
internal unsafe struct AVCodecContext
{
    [FieldOffset(12)] public int codec_type;
    [FieldOffset(24)] public int codec_id;
    [FieldOffset(56)] public long bit_rate;
    [FieldOffset(76)] public int flags;
    [FieldOffset(100)] public AVRational time_base;
    [FieldOffset(116)] public int width;
    [FieldOffset(120)] public int height;
    [FieldOffset(132)] public int gop_size;
    [FieldOffset(136)] public int pix_fmt;
    [FieldOffset(160)] public int max_b_frames;
    [FieldOffset(216)] public AVRational sample_aspect_ratio;
    [FieldOffset(352)] public int sample_rate;
    [FieldOffset(360)] public int sample_fmt;
    [FieldOffset(364)] public int frame_size;
    [FieldOffset(436)] public int rc_buffer_size;
    [FieldOffset(456)] public long rc_max_rate;
    [FieldOffset(636)] public int thread_count;
    [FieldOffset(712)] public AVRational framerate;
    [FieldOffset(724)] public AVRational pkt_timebase;
    [FieldOffset(848)] public AVBufferRef* hw_frames_ctx;
    [FieldOffset(872)] public AVBufferRef* hw_device_ctx;
    [FieldOffset(920)] public AVChannelLayout ch_layout;
}
