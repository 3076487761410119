using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavutil/channel_layout.h <c>AVChannelLayout</c> (the FFmpeg 5.1 API), embedded by value.</summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
internal unsafe struct AVChannelLayout
{
    [FieldOffset(0)] public int order;
    [FieldOffset(4)] public int nb_channels;
    [FieldOffset(8), NativeName("u.mask")] public ulong u_mask;
    [FieldOffset(16)] public void* opaque;
}
