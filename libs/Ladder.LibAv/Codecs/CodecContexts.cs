using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>Allocation, opening and freeing of <c>AVCodecContext</c>, shared by <see cref="Decoder"/> and <see cref="Encoder"/>.</summary>
internal static unsafe class CodecContexts
{
    /// <summary>Allocates a context for <paramref name="codec"/> owned by a handle that frees it with <c>avcodec_free_context</c>.</summary>
    public static OwnedHandle<AVCodecContext> Allocate(AVCodec* codec) =>
        new(ErrorCodeExtensions.ThrowIfNull(AvCodec.avcodec_alloc_context3(codec), "avcodec_alloc_context3"), &Free);

    /// <summary>Opens the context with options (<c>avcodec_open2</c>), rejecting options the codec did not recognise.</summary>
    /// <exception cref="FFmpegException">The codec refused the settings.</exception>
    /// <exception cref="ArgumentException">An option was not recognised.</exception>
    public static void Open(AVCodecContext* context, AVCodec* codec, string codecName, MediaDictionary? options)
    {
        var call = $"avcodec_open2({codecName})";
        using var nativeOptions = new NativeOptions(options);
        AvCodec.avcodec_open2(context, codec, nativeOptions.Address).ThrowIfError(call);
        nativeOptions.ThrowIfUnused(call);
    }

    private static void Free(AVCodecContext* context) => AvCodec.avcodec_free_context(&context);
}
