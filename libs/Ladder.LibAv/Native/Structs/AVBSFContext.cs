using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native.Structs;

/// <summary>libavcodec/bsf.h <c>AVBSFContext</c>; the parameters and time bases set before <c>av_bsf_init</c>.</summary>
[StructLayout(LayoutKind.Explicit)]
internal unsafe struct AVBSFContext
{
    [FieldOffset(24)] public AVCodecParameters* par_in;
    [FieldOffset(32)] public AVCodecParameters* par_out;
    [FieldOffset(40)] public AVRational time_base_in;
    [FieldOffset(48)] public AVRational time_base_out;
}
