using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavfilter/avfilter.h <c>AVFilterInOut</c>: a linked list of open pads for <c>avfilter_graph_parse_ptr</c>.</summary>
[StructLayout(LayoutKind.Explicit)]
internal unsafe struct AVFilterInOut
{
    [FieldOffset(0)] public byte* name;
    [FieldOffset(8)] public void* filter_ctx;
    [FieldOffset(16)] public int pad_idx;
    [FieldOffset(24)] public AVFilterInOut* next;
}
