using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavutil/buffer.h <c>AVBufferRef</c>; only <c>data</c> (for example the <c>AVHWFramesContext</c> it carries).</summary>
[StructLayout(LayoutKind.Explicit)]
internal unsafe struct AVBufferRef
{
    [FieldOffset(8)] public byte* data;
}
