using System.Runtime.InteropServices;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv.Native;

/// <summary>libavfilter 8 (FFmpeg 5.1) entry points Ladder uses, buffersrc/buffersink included. Each binding's comment gives its C signature.</summary>
internal static unsafe partial class AvFilter
{
    internal const string Name = "avfilter";

    static AvFilter() => LibAvLoader.Register();

    // AVFilterGraph *avfilter_graph_alloc(void);
    [LibraryImport(Name)]
    internal static partial AVFilterGraph* avfilter_graph_alloc();

    // void avfilter_graph_free(AVFilterGraph **graph);
    [LibraryImport(Name)]
    internal static partial void avfilter_graph_free(AVFilterGraph** graph);

    // const AVFilter *avfilter_get_by_name(const char *name);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial AVFilter* avfilter_get_by_name(string name);

    // int avfilter_graph_create_filter(AVFilterContext **filt_ctx, const AVFilter *filt, const char *name,
    //     const char *args, void *opaque, AVFilterGraph *graph_ctx);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int avfilter_graph_create_filter(
        AVFilterContext** filt_ctx, AVFilter* filt, string name, string? args, void* opaque, AVFilterGraph* graph_ctx);

    // int avfilter_graph_parse_ptr(AVFilterGraph *graph, const char *filters, AVFilterInOut **inputs, AVFilterInOut **outputs, void *log_ctx);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int avfilter_graph_parse_ptr(
        AVFilterGraph* graph, string filters, AVFilterInOut** inputs, AVFilterInOut** outputs, void* log_ctx);

    // int avfilter_graph_config(AVFilterGraph *graphctx, void *log_ctx);
    [LibraryImport(Name)]
    internal static partial int avfilter_graph_config(AVFilterGraph* graphctx, void* log_ctx);

    // AVFilterInOut *avfilter_inout_alloc(void);
    [LibraryImport(Name)]
    internal static partial AVFilterInOut* avfilter_inout_alloc();

    // void avfilter_inout_free(AVFilterInOut **inout);
    [LibraryImport(Name)]
    internal static partial void avfilter_inout_free(AVFilterInOut** inout);

    // int av_buffersrc_add_frame_flags(AVFilterContext *buffer_src, AVFrame *frame, int flags);
    [LibraryImport(Name)]
    internal static partial int av_buffersrc_add_frame_flags(AVFilterContext* buffer_src, AVFrame* frame, int flags);

    // int av_buffersink_get_frame(AVFilterContext *ctx, AVFrame *frame);
    [LibraryImport(Name)]
    internal static partial int av_buffersink_get_frame(AVFilterContext* ctx, AVFrame* frame);

    // void av_buffersink_set_frame_size(AVFilterContext *ctx, unsigned frame_size);
    [LibraryImport(Name)]
    internal static partial void av_buffersink_set_frame_size(AVFilterContext* ctx, uint frame_size);

    // AVRational av_buffersink_get_time_base(const AVFilterContext *ctx);
    [LibraryImport(Name)]
    internal static partial AVRational av_buffersink_get_time_base(AVFilterContext* ctx);

    // AVRational av_buffersink_get_frame_rate(const AVFilterContext *ctx);
    [LibraryImport(Name)]
    internal static partial AVRational av_buffersink_get_frame_rate(AVFilterContext* ctx);

    // int av_buffersink_get_format(const AVFilterContext *ctx);
    [LibraryImport(Name)]
    internal static partial int av_buffersink_get_format(AVFilterContext* ctx);

    // int av_buffersink_get_w(const AVFilterContext *ctx);
    [LibraryImport(Name)]
    internal static partial int av_buffersink_get_w(AVFilterContext* ctx);

    // int av_buffersink_get_h(const AVFilterContext *ctx);
    [LibraryImport(Name)]
    internal static partial int av_buffersink_get_h(AVFilterContext* ctx);

    // int av_buffersink_get_sample_rate(const AVFilterContext *ctx);
    [LibraryImport(Name)]
    internal static partial int av_buffersink_get_sample_rate(AVFilterContext* ctx);

    // int av_buffersink_get_ch_layout(const AVFilterContext *ctx, AVChannelLayout *ch_layout);
    [LibraryImport(Name)]
    internal static partial int av_buffersink_get_ch_layout(AVFilterContext* ctx, AVChannelLayout* ch_layout);
}
