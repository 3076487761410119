using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavformat/avformat.h <c>AVOutputFormat</c>; only <c>flags</c> (for <c>AVFMT_NOFILE</c>).</summary>
[StructLayout(LayoutKind.Explicit)]
internal struct AVOutputFormat
{
    [FieldOffset(44)] public int flags;
}
