using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>
/// libavformat/avio.h <c>AVIOContext</c>; only <c>buffer</c> and <c>opaque</c> (which the owner of a custom context
/// frees), <c>pos</c> (write progress for timeouts) and <c>error</c> (the sticky error of <c>avio_flush</c>).
/// </summary>
[StructLayout(LayoutKind.Explicit)]
internal unsafe struct AVIOContext
{
    [FieldOffset(8)] public byte* buffer;
    [FieldOffset(40)] public void* opaque;
    [FieldOffset(72)] public long pos;
    [FieldOffset(84)] public int error;
}
