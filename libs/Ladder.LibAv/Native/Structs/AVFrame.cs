using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavutil/frame.h <c>AVFrame</c>; only the fields Ladder reads. Allocated by <c>av_frame_alloc</c>, never by value.</summary>
[StructLayout(LayoutKind.Explicit)]
internal unsafe struct AVFrame
{
    /// <summary><c>uint8_t *data[8]</c>.</summary>
    [FieldOffset(0)] public fixed long data[8];
    [FieldOffset(64)] public fixed int linesize[8];
    [FieldOffset(104)] public int width;
    [FieldOffset(108)] public int height;
    [FieldOffset(112)] public int nb_samples;
    [FieldOffset(116)] public int format;
    [FieldOffset(120)] public int key_frame;
    [FieldOffset(124)] public int pict_type;
    [FieldOffset(136)] public long pts;
    [FieldOffset(144)] public long pkt_dts;
    [FieldOffset(152)] public AVRational time_base;
    [FieldOffset(208)] public int sample_rate;
    [FieldOffset(344)] public long best_effort_timestamp;
    [FieldOffset(360)] public long pkt_duration;
    [FieldOffset(392)] public AVBufferRef* hw_frames_ctx;
    [FieldOffset(448)] public AVChannelLayout ch_layout;
}
