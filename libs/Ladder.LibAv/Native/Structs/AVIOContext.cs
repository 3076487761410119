using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavformat/avio.h <c>AVIOContext</c>; only <c>buffer</c>, which the owner of a custom context frees.</summary>
[StructLayout(LayoutKind.Explicit)]
internal unsafe struct AVIOContext
{
    [FieldOffset(8)] public byte* buffer;
}
