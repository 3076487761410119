using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavutil/dict.h <c>AVDictionaryEntry</c>: one key/value pair.</summary>
[StructLayout(LayoutKind.Explicit)]
internal unsafe struct AVDictionaryEntry
{
    [FieldOffset(0)] public byte* key;
    [FieldOffset(8)] public byte* value;
}
