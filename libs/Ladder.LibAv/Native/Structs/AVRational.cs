using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavutil/rational.h <c>AVRational</c>: a fraction num/den, passed by value.</summary>
[StructLayout(LayoutKind.Explicit, Size = 8)]
internal struct AVRational
{
    [FieldOffset(0)] public int num;
    [FieldOffset(4)] public int den;

    public AVRational(int num, int den)
    {
        this.num = num;
        this.den = den;
    }
}
