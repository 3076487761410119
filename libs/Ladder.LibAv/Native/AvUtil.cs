using System.Runtime.InteropServices;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv.Native;

/// <summary>libavutil 57 (FFmpeg 5.1) entry points Ladder uses. Each binding's comment gives its C signature.</summary>
internal static unsafe partial class AvUtil
{
    internal const string Name = "avutil";

    static AvUtil() => LibAvLoader.Register();

    // int av_strerror(int errnum, char *errbuf, size_t errbuf_size);
    [LibraryImport(Name)]
    internal static partial int av_strerror(int errnum, byte* errbuf, nuint errbuf_size);

    // void av_log_set_callback(void (*callback)(void*, int, const char*, va_list));
    [LibraryImport(Name)]
    internal static partial void av_log_set_callback(delegate* unmanaged<void*, int, byte*, void*, void> callback);

    // int av_log_get_level(void);
    [LibraryImport(Name)]
    internal static partial int av_log_get_level();

    // void av_log_set_level(int level);
    [LibraryImport(Name)]
    internal static partial void av_log_set_level(int level);

    // int av_log_format_line2(void *ptr, int level, const char *fmt, va_list vl, char *line, int line_size, int *print_prefix);
    // On x86-64 System V, va_list is an array type, so a va_list parameter arrives (and is passed on) as a pointer.
    [LibraryImport(Name)]
    internal static partial int av_log_format_line2(void* ptr, int level, byte* fmt, void* vl, byte* line, int line_size, int* print_prefix);

    // int av_dict_set(AVDictionary **pm, const char *key, const char *value, int flags);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int av_dict_set(AVDictionary** pm, string key, string? value, int flags);

    // AVDictionaryEntry *av_dict_get(const AVDictionary *m, const char *key, const AVDictionaryEntry *prev, int flags);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial AVDictionaryEntry* av_dict_get(AVDictionary* m, string key, AVDictionaryEntry* prev, int flags);

    // int av_dict_count(const AVDictionary *m);
    [LibraryImport(Name)]
    internal static partial int av_dict_count(AVDictionary* m);

    // int av_dict_copy(AVDictionary **dst, const AVDictionary *src, int flags);
    [LibraryImport(Name)]
    internal static partial int av_dict_copy(AVDictionary** dst, AVDictionary* src, int flags);

    // void av_dict_free(AVDictionary **m);
    [LibraryImport(Name)]
    internal static partial void av_dict_free(AVDictionary** m);

    // AVFrame *av_frame_alloc(void);
    [LibraryImport(Name)]
    internal static partial AVFrame* av_frame_alloc();

    // void av_frame_free(AVFrame **frame);
    [LibraryImport(Name)]
    internal static partial void av_frame_free(AVFrame** frame);

    // int av_frame_ref(AVFrame *dst, const AVFrame *src);
    [LibraryImport(Name)]
    internal static partial int av_frame_ref(AVFrame* dst, AVFrame* src);

    // void av_frame_unref(AVFrame *frame);
    [LibraryImport(Name)]
    internal static partial void av_frame_unref(AVFrame* frame);

    // void av_frame_move_ref(AVFrame *dst, AVFrame *src);
    [LibraryImport(Name)]
    internal static partial void av_frame_move_ref(AVFrame* dst, AVFrame* src);

    // AVFrame *av_frame_clone(const AVFrame *src);
    [LibraryImport(Name)]
    internal static partial AVFrame* av_frame_clone(AVFrame* src);

    // int av_frame_get_buffer(AVFrame *frame, int align);
    [LibraryImport(Name)]
    internal static partial int av_frame_get_buffer(AVFrame* frame, int align);

    // int av_frame_make_writable(AVFrame *frame);
    [LibraryImport(Name)]
    internal static partial int av_frame_make_writable(AVFrame* frame);

    // int64_t av_rescale_q_rnd(int64_t a, AVRational bq, AVRational cq, enum AVRounding rnd);
    [LibraryImport(Name)]
    internal static partial long av_rescale_q_rnd(long a, AVRational bq, AVRational cq, int rnd);

    // enum AVPixelFormat av_get_pix_fmt(const char *name);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int av_get_pix_fmt(string name);

    // const char *av_get_pix_fmt_name(enum AVPixelFormat pix_fmt);
    [LibraryImport(Name)]
    internal static partial byte* av_get_pix_fmt_name(int pix_fmt);

    // enum AVSampleFormat av_get_sample_fmt(const char *name);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int av_get_sample_fmt(string name);

    // const char *av_get_sample_fmt_name(enum AVSampleFormat sample_fmt);
    [LibraryImport(Name)]
    internal static partial byte* av_get_sample_fmt_name(int sample_fmt);

    // int av_channel_layout_from_string(AVChannelLayout *channel_layout, const char *str);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int av_channel_layout_from_string(AVChannelLayout* channel_layout, string str);

    // int av_channel_layout_describe(const AVChannelLayout *channel_layout, char *buf, size_t buf_size);
    [LibraryImport(Name)]
    internal static partial int av_channel_layout_describe(AVChannelLayout* channel_layout, byte* buf, nuint buf_size);

    // int av_channel_layout_copy(AVChannelLayout *dst, const AVChannelLayout *src);
    [LibraryImport(Name)]
    internal static partial int av_channel_layout_copy(AVChannelLayout* dst, AVChannelLayout* src);

    // void av_channel_layout_uninit(AVChannelLayout *channel_layout);
    [LibraryImport(Name)]
    internal static partial void av_channel_layout_uninit(AVChannelLayout* channel_layout);

    // int av_opt_set(void *obj, const char *name, const char *val, int search_flags);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int av_opt_set(void* obj, string name, string val, int search_flags);

    // void *av_malloc(size_t size);
    [LibraryImport(Name)]
    internal static partial void* av_malloc(nuint size);

    // char *av_strdup(const char *s);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial byte* av_strdup(string s);

    // void av_freep(void *ptr);
    [LibraryImport(Name)]
    internal static partial void av_freep(void* ptr);

    // AVBufferRef *av_buffer_ref(const AVBufferRef *buf);
    [LibraryImport(Name)]
    internal static partial AVBufferRef* av_buffer_ref(AVBufferRef* buf);

    // void av_buffer_unref(AVBufferRef **buf);
    [LibraryImport(Name)]
    internal static partial void av_buffer_unref(AVBufferRef** buf);

    // enum AVHWDeviceType av_hwdevice_find_type_by_name(const char *name);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int av_hwdevice_find_type_by_name(string name);

    // int av_hwdevice_ctx_create(AVBufferRef **device_ctx, enum AVHWDeviceType type, const char *device, AVDictionary *opts, int flags);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int av_hwdevice_ctx_create(AVBufferRef** device_ctx, int type, string? device, AVDictionary* opts, int flags);

    // AVBufferRef *av_hwframe_ctx_alloc(AVBufferRef *device_ctx);
    [LibraryImport(Name)]
    internal static partial AVBufferRef* av_hwframe_ctx_alloc(AVBufferRef* device_ctx);

    // int av_hwframe_ctx_init(AVBufferRef *ref);
    [LibraryImport(Name)]
    internal static partial int av_hwframe_ctx_init(AVBufferRef* @ref);

    // int av_hwframe_get_buffer(AVBufferRef *hwframe_ctx, AVFrame *frame, int flags);
    [LibraryImport(Name)]
    internal static partial int av_hwframe_get_buffer(AVBufferRef* hwframe_ctx, AVFrame* frame, int flags);

    // int av_hwframe_transfer_data(AVFrame *dst, const AVFrame *src, int flags);
    [LibraryImport(Name)]
    internal static partial int av_hwframe_transfer_data(AVFrame* dst, AVFrame* src, int flags);
}
