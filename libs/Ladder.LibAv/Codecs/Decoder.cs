using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// A decoder for one input stream (libavcodec <c>AVCodecContext</c> opened from the stream's <c>AVCodecParameters</c>):
/// <see cref="SendPacket"/> compressed packets, <see cref="ReceiveFrame"/> until <see cref="CodecResult.Again"/>.
/// Frame timestamps stay in the stream's time base (<see cref="TimeBase"/>).
/// </summary>
public sealed unsafe class Decoder : IDisposable
{
    private readonly OwnedHandle<AVCodecContext> _handle;

    private Decoder(OwnedHandle<AVCodecContext> handle, string codecName, Rational timeBase, MediaType mediaType)
    {
        _handle = handle;
        CodecName = codecName;
        TimeBase = timeBase;
        MediaType = mediaType;
    }

    /// <summary>The decoder's FFmpeg name.</summary>
    public string CodecName { get; }

    /// <summary>The time base of frame timestamps: the input stream's (<c>pkt_timebase</c>).</summary>
    public Rational TimeBase { get; }

    /// <summary>Video or audio.</summary>
    public MediaType MediaType { get; }

    /// <summary>Opens a decoder for <paramref name="stream"/> (<c>avcodec_find_decoder</c>, <c>avcodec_parameters_to_context</c>, <c>avcodec_open2</c>).</summary>
    /// <param name="stream">An input stream; its <see cref="InputContext"/> must be open.</param>
    /// <param name="options">Decoder choice, threads, options, hardware; null for defaults.</param>
    /// <returns>The open decoder.</returns>
    /// <exception cref="ArgumentException">No decoder exists for the stream or by the given name, or an option was not recognised.</exception>
    /// <exception cref="FFmpegException">The decoder could not be opened.</exception>
    public static Decoder Create(StreamInfo stream, DecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var parameters = CodecParameters.From(stream);
        return Create(parameters, stream.TimeBase, options);
    }

    /// <summary>
    /// Opens a decoder from detached codec parameters (<c>avcodec_find_decoder</c>, <c>avcodec_parameters_to_context</c>,
    /// <c>avcodec_open2</c>), e.g. to decode a stream whose input has since been closed or replaced.
    /// </summary>
    /// <param name="parameters">The stream's codec parameters.</param>
    /// <param name="timeBase">The time base of the packets that will be sent (<c>pkt_timebase</c>); frames come out in it.</param>
    /// <param name="options">Decoder choice, threads, options, hardware; null for defaults.</param>
    /// <returns>The open decoder.</returns>
    /// <exception cref="ArgumentException">No decoder exists for the codec or by the given name, or an option was not recognised.</exception>
    /// <exception cref="FFmpegException">The decoder could not be opened.</exception>
    public static Decoder Create(CodecParameters parameters, Rational timeBase, DecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        options ??= new DecoderOptions();
        var codec = options.CodecName is { } name ? AvCodec.avcodec_find_decoder_by_name(name) : AvCodec.avcodec_find_decoder(parameters.CodecId);
        if (codec == null)
        {
            throw new ArgumentException(
                $"No decoder '{options.CodecName ?? parameters.CodecName}' in this FFmpeg build; run 'ffmpeg -decoders'.",
                nameof(parameters));
        }

        var codecName = options.CodecName ?? parameters.CodecName;
        var handle = CodecContexts.Allocate(codec);
        try
        {
            using (var context = handle.Acquire())
            {
                using (var source = parameters.Handle.Acquire())
                {
                    AvCodec.avcodec_parameters_to_context(context.Pointer, source.Pointer).ThrowIfError($"avcodec_parameters_to_context({codecName})");
                }

                context.Pointer->pkt_timebase = timeBase.ToNative();
                context.Pointer->thread_count = options.Threads;
                if (options.HardwareDevice is { } device)
                {
                    using var deviceBuffer = device.Handle.Acquire();
                    context.Pointer->hw_device_ctx = ErrorCodeExtensions.ThrowIfNull(AvUtil.av_buffer_ref(deviceBuffer.Pointer), "av_buffer_ref");
                }

                CodecContexts.Open(context.Pointer, codec, codecName, options.Options);
            }

            return new Decoder(handle, codecName, timeBase, parameters.MediaType);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Sends one packet (<c>avcodec_send_packet</c>); null starts draining.</summary>
    /// <param name="packet">A packet of this decoder's stream, or null to flush.</param>
    /// <returns><see cref="CodecResult.Again"/> when frames must be received first; <see cref="CodecResult.EndOfFile"/> when already draining.</returns>
    /// <exception cref="FFmpegException">The data is invalid and the decoder reports an error.</exception>
    public CodecResult SendPacket(Packet? packet)
    {
        using var context = _handle.Acquire();
        using var input = OwnedHandle<AVPacket>.AcquireOrNull(packet?.Handle);
        return AvCodec.avcodec_send_packet(context.Pointer, input.Pointer).ToCodecResult($"avcodec_send_packet({CodecName})");
    }

    /// <summary>Receives one decoded frame into <paramref name="frame"/> (<c>avcodec_receive_frame</c>, which unreferences it first).</summary>
    /// <param name="frame">The frame to fill.</param>
    /// <returns><see cref="CodecResult.Ok"/> with a frame, <see cref="CodecResult.Again"/> when it needs more packets, <see cref="CodecResult.EndOfFile"/> when drained.</returns>
    /// <exception cref="FFmpegException">A decoding error.</exception>
    public CodecResult ReceiveFrame(Frame frame)
    {
        using var context = _handle.Acquire();
        using var output = frame.Handle.Acquire();
        return AvCodec.avcodec_receive_frame(context.Pointer, output.Pointer).ToCodecResult($"avcodec_receive_frame({CodecName})");
    }

    /// <summary>Drops buffered state, e.g. after an input failover or a seek (<c>avcodec_flush_buffers</c>); also leaves draining mode.</summary>
    public void Flush()
    {
        using var context = _handle.Acquire();
        AvCodec.avcodec_flush_buffers(context.Pointer);
    }

    /// <summary>Frees the decoder (<c>avcodec_free_context</c>).</summary>
    public void Dispose() => _handle.Dispose();
}
