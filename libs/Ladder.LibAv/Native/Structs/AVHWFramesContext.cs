using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavutil/hwcontext.h <c>AVHWFramesContext</c>; the fields set before <c>av_hwframe_ctx_init</c>.</summary>
[StructLayout(LayoutKind.Explicit)]
internal struct AVHWFramesContext
{
    [FieldOffset(64)] public int initial_pool_size;
    [FieldOffset(68)] public int format;
    [FieldOffset(72)] public int sw_format;
    [FieldOffset(76)] public int width;
    [FieldOffset(80)] public int height;
}
