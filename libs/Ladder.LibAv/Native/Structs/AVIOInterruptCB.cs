using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavformat/avio.h <c>AVIOInterruptCB</c>: <c>int (*callback)(void*)</c> plus its opaque argument.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal unsafe struct AVIOInterruptCB
{
    [FieldOffset(0)] public delegate* unmanaged<void*, int> callback;
    [FieldOffset(8)] public void* opaque;
}
