using System.Runtime.InteropServices;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv.Native;

/// <summary>libavformat 59 (FFmpeg 5.1) entry points Ladder uses. Each binding's comment gives its C signature.</summary>
internal static unsafe partial class AvFormat
{
    internal const string Name = "avformat";

    static AvFormat() => LibAvLoader.Register();

    // int avformat_network_init(void);
    [LibraryImport(Name)]
    internal static partial int avformat_network_init();

    // AVFormatContext *avformat_alloc_context(void);
    [LibraryImport(Name)]
    internal static partial AVFormatContext* avformat_alloc_context();

    // const AVInputFormat *av_find_input_format(const char *short_name);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial AVInputFormat* av_find_input_format(string short_name);

    // int avformat_open_input(AVFormatContext **ps, const char *url, const AVInputFormat *fmt, AVDictionary **options);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int avformat_open_input(AVFormatContext** ps, string url, AVInputFormat* fmt, AVDictionary** options);

    // int avformat_find_stream_info(AVFormatContext *ic, AVDictionary **options);
    [LibraryImport(Name)]
    internal static partial int avformat_find_stream_info(AVFormatContext* ic, AVDictionary** options);

    // void avformat_close_input(AVFormatContext **s);
    [LibraryImport(Name)]
    internal static partial void avformat_close_input(AVFormatContext** s);

    // int av_read_frame(AVFormatContext *s, AVPacket *pkt);
    [LibraryImport(Name)]
    internal static partial int av_read_frame(AVFormatContext* s, AVPacket* pkt);

    // AVRational av_guess_frame_rate(AVFormatContext *ctx, AVStream *stream, AVFrame *frame);
    [LibraryImport(Name)]
    internal static partial AVRational av_guess_frame_rate(AVFormatContext* ctx, AVStream* stream, AVFrame* frame);

    // int avformat_alloc_output_context2(AVFormatContext **ctx, const AVOutputFormat *oformat, const char *format_name, const char *filename);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int avformat_alloc_output_context2(AVFormatContext** ctx, AVOutputFormat* oformat, string? format_name, string? filename);

    // AVStream *avformat_new_stream(AVFormatContext *s, const AVCodec *c);
    [LibraryImport(Name)]
    internal static partial AVStream* avformat_new_stream(AVFormatContext* s, AVCodec* c);

    // int avformat_write_header(AVFormatContext *s, AVDictionary **options);
    [LibraryImport(Name)]
    internal static partial int avformat_write_header(AVFormatContext* s, AVDictionary** options);

    // int av_write_frame(AVFormatContext *s, AVPacket *pkt);
    [LibraryImport(Name)]
    internal static partial int av_write_frame(AVFormatContext* s, AVPacket* pkt);

    // int av_interleaved_write_frame(AVFormatContext *s, AVPacket *pkt);
    [LibraryImport(Name)]
    internal static partial int av_interleaved_write_frame(AVFormatContext* s, AVPacket* pkt);

    // int av_write_trailer(AVFormatContext *s);
    [LibraryImport(Name)]
    internal static partial int av_write_trailer(AVFormatContext* s);

    // void avformat_free_context(AVFormatContext *s);
    [LibraryImport(Name)]
    internal static partial void avformat_free_context(AVFormatContext* s);

    // int avio_open2(AVIOContext **s, const char *url, int flags, const AVIOInterruptCB *int_cb, AVDictionary **options);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int avio_open2(AVIOContext** s, string url, int flags, AVIOInterruptCB* int_cb, AVDictionary** options);

    // int avio_closep(AVIOContext **s);
    [LibraryImport(Name)]
    internal static partial int avio_closep(AVIOContext** s);

    // AVIOContext *avio_alloc_context(unsigned char *buffer, int buffer_size, int write_flag, void *opaque,
    //     int (*read_packet)(void *opaque, uint8_t *buf, int buf_size),
    //     int (*write_packet)(void *opaque, uint8_t *buf, int buf_size),
    //     int64_t (*seek)(void *opaque, int64_t offset, int whence));
    [LibraryImport(Name)]
    internal static partial AVIOContext* avio_alloc_context(
        byte* buffer,
        int buffer_size,
        int write_flag,
        void* opaque,
        delegate* unmanaged<void*, byte*, int, int> read_packet,
        delegate* unmanaged<void*, byte*, int, int> write_packet,
        delegate* unmanaged<void*, long, int, long> seek);

    // void avio_context_free(AVIOContext **s);
    [LibraryImport(Name)]
    internal static partial void avio_context_free(AVIOContext** s);

    // void avio_flush(AVIOContext *s);
    [LibraryImport(Name)]
    internal static partial void avio_flush(AVIOContext* s);
}
