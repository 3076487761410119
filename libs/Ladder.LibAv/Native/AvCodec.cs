using System.Runtime.InteropServices;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv.Native;

/// <summary>libavcodec 59 (FFmpeg 5.1) entry points Ladder uses. Each binding's comment gives its C signature.</summary>
internal static unsafe partial class AvCodec
{
    internal const string Name = "avcodec";

    static AvCodec() => LibAvLoader.Register();

    // const AVCodec *avcodec_find_decoder(enum AVCodecID id);
    [LibraryImport(Name)]
    internal static partial AVCodec* avcodec_find_decoder(int id);

    // const AVCodec *avcodec_find_decoder_by_name(const char *name);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial AVCodec* avcodec_find_decoder_by_name(string name);

    // const AVCodec *avcodec_find_encoder_by_name(const char *name);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial AVCodec* avcodec_find_encoder_by_name(string name);

    // const char *avcodec_get_name(enum AVCodecID id);
    [LibraryImport(Name)]
    internal static partial byte* avcodec_get_name(int id);

    // AVCodecContext *avcodec_alloc_context3(const AVCodec *codec);
    [LibraryImport(Name)]
    internal static partial AVCodecContext* avcodec_alloc_context3(AVCodec* codec);

    // void avcodec_free_context(AVCodecContext **avctx);
    [LibraryImport(Name)]
    internal static partial void avcodec_free_context(AVCodecContext** avctx);

    // AVCodecParameters *avcodec_parameters_alloc(void);
    [LibraryImport(Name)]
    internal static partial AVCodecParameters* avcodec_parameters_alloc();

    // void avcodec_parameters_free(AVCodecParameters **par);
    [LibraryImport(Name)]
    internal static partial void avcodec_parameters_free(AVCodecParameters** par);

    // const char *avcodec_profile_name(enum AVCodecID codec_id, int profile);
    [LibraryImport(Name)]
    internal static partial byte* avcodec_profile_name(int codec_id, int profile);

    // int avcodec_parameters_to_context(AVCodecContext *codec, const AVCodecParameters *par);
    [LibraryImport(Name)]
    internal static partial int avcodec_parameters_to_context(AVCodecContext* codec, AVCodecParameters* par);

    // int avcodec_parameters_from_context(AVCodecParameters *par, const AVCodecContext *codec);
    [LibraryImport(Name)]
    internal static partial int avcodec_parameters_from_context(AVCodecParameters* par, AVCodecContext* codec);

    // int avcodec_parameters_copy(AVCodecParameters *dst, const AVCodecParameters *src);
    [LibraryImport(Name)]
    internal static partial int avcodec_parameters_copy(AVCodecParameters* dst, AVCodecParameters* src);

    // int avcodec_open2(AVCodecContext *avctx, const AVCodec *codec, AVDictionary **options);
    [LibraryImport(Name)]
    internal static partial int avcodec_open2(AVCodecContext* avctx, AVCodec* codec, AVDictionary** options);

    // int avcodec_send_packet(AVCodecContext *avctx, const AVPacket *avpkt);
    [LibraryImport(Name)]
    internal static partial int avcodec_send_packet(AVCodecContext* avctx, AVPacket* avpkt);

    // int avcodec_receive_frame(AVCodecContext *avctx, AVFrame *frame);
    [LibraryImport(Name)]
    internal static partial int avcodec_receive_frame(AVCodecContext* avctx, AVFrame* frame);

    // int avcodec_send_frame(AVCodecContext *avctx, const AVFrame *frame);
    [LibraryImport(Name)]
    internal static partial int avcodec_send_frame(AVCodecContext* avctx, AVFrame* frame);

    // int avcodec_receive_packet(AVCodecContext *avctx, AVPacket *avpkt);
    [LibraryImport(Name)]
    internal static partial int avcodec_receive_packet(AVCodecContext* avctx, AVPacket* avpkt);

    // void avcodec_flush_buffers(AVCodecContext *avctx);
    [LibraryImport(Name)]
    internal static partial void avcodec_flush_buffers(AVCodecContext* avctx);

    // AVPacket *av_packet_alloc(void);
    [LibraryImport(Name)]
    internal static partial AVPacket* av_packet_alloc();

    // void av_packet_free(AVPacket **pkt);
    [LibraryImport(Name)]
    internal static partial void av_packet_free(AVPacket** pkt);

    // int av_packet_ref(AVPacket *dst, const AVPacket *src);
    [LibraryImport(Name)]
    internal static partial int av_packet_ref(AVPacket* dst, AVPacket* src);

    // void av_packet_unref(AVPacket *pkt);
    [LibraryImport(Name)]
    internal static partial void av_packet_unref(AVPacket* pkt);

    // void av_packet_move_ref(AVPacket *dst, AVPacket *src);
    [LibraryImport(Name)]
    internal static partial void av_packet_move_ref(AVPacket* dst, AVPacket* src);

    // AVPacket *av_packet_clone(const AVPacket *src);
    [LibraryImport(Name)]
    internal static partial AVPacket* av_packet_clone(AVPacket* src);

    // void av_packet_rescale_ts(AVPacket *pkt, AVRational tb_src, AVRational tb_dst);
    [LibraryImport(Name)]
    internal static partial void av_packet_rescale_ts(AVPacket* pkt, AVRational tb_src, AVRational tb_dst);

    // const AVBitStreamFilter *av_bsf_get_by_name(const char *name);
    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial AVBitStreamFilter* av_bsf_get_by_name(string name);

    // int av_bsf_alloc(const AVBitStreamFilter *filter, AVBSFContext **ctx);
    [LibraryImport(Name)]
    internal static partial int av_bsf_alloc(AVBitStreamFilter* filter, AVBSFContext** ctx);

    // int av_bsf_init(AVBSFContext *ctx);
    [LibraryImport(Name)]
    internal static partial int av_bsf_init(AVBSFContext* ctx);

    // int av_bsf_send_packet(AVBSFContext *ctx, AVPacket *pkt);
    [LibraryImport(Name)]
    internal static partial int av_bsf_send_packet(AVBSFContext* ctx, AVPacket* pkt);

    // int av_bsf_receive_packet(AVBSFContext *ctx, AVPacket *pkt);
    [LibraryImport(Name)]
    internal static partial int av_bsf_receive_packet(AVBSFContext* ctx, AVPacket* pkt);

    // void av_bsf_free(AVBSFContext **ctx);
    [LibraryImport(Name)]
    internal static partial void av_bsf_free(AVBSFContext** ctx);
}
