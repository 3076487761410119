using System.Runtime.InteropServices;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv.Native;

/// <summary>libswresample 4 (FFmpeg 5.1) entry points Ladder uses. Each binding's comment gives its C signature.</summary>
internal static unsafe partial class SwResample
{
    internal const string Name = "swresample";

    static SwResample() => LibAvLoader.Register();

    // int swr_alloc_set_opts2(struct SwrContext **ps, const AVChannelLayout *out_ch_layout, enum AVSampleFormat out_sample_fmt,
    //     int out_sample_rate, const AVChannelLayout *in_ch_layout, enum AVSampleFormat in_sample_fmt, int in_sample_rate,
    //     int log_offset, void *log_ctx);
    [LibraryImport(Name)]
    internal static partial int swr_alloc_set_opts2(
        SwrContext** ps,
        AVChannelLayout* out_ch_layout,
        int out_sample_fmt,
        int out_sample_rate,
        AVChannelLayout* in_ch_layout,
        int in_sample_fmt,
        int in_sample_rate,
        int log_offset,
        void* log_ctx);

    // int swr_init(struct SwrContext *s);
    [LibraryImport(Name)]
    internal static partial int swr_init(SwrContext* s);

    // int swr_convert_frame(SwrContext *swr, AVFrame *output, const AVFrame *input);
    [LibraryImport(Name)]
    internal static partial int swr_convert_frame(SwrContext* swr, AVFrame* output, AVFrame* input);

    // int64_t swr_get_delay(struct SwrContext *s, int64_t base);
    [LibraryImport(Name)]
    internal static partial long swr_get_delay(SwrContext* s, long @base);

    // void swr_free(struct SwrContext **s);
    [LibraryImport(Name)]
    internal static partial void swr_free(SwrContext** s);
}
