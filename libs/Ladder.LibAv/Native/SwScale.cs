using System.Runtime.InteropServices;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv.Native;

/// <summary>libswscale 6 (FFmpeg 5.1) entry points Ladder uses. Each binding's comment gives its C signature.</summary>
internal static unsafe partial class SwScale
{
    internal const string Name = "swscale";

    static SwScale() => LibAvLoader.Register();

    // struct SwsContext *sws_getContext(int srcW, int srcH, enum AVPixelFormat srcFormat, int dstW, int dstH,
    //     enum AVPixelFormat dstFormat, int flags, SwsFilter *srcFilter, SwsFilter *dstFilter, const double *param);
    [LibraryImport(Name)]
    internal static partial SwsContext* sws_getContext(
        int srcW, int srcH, int srcFormat, int dstW, int dstH, int dstFormat, int flags, void* srcFilter, void* dstFilter, double* param);

    // int sws_scale_frame(struct SwsContext *c, AVFrame *dst, const AVFrame *src);
    [LibraryImport(Name)]
    internal static partial int sws_scale_frame(SwsContext* c, AVFrame* dst, AVFrame* src);

    // void sws_freeContext(struct SwsContext *swsContext);
    [LibraryImport(Name)]
    internal static partial void sws_freeContext(SwsContext* swsContext);
}
