using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// An encoder for one rendition (libavcodec <c>AVCodecContext</c>): <see cref="SendFrame"/> raw frames (PTS in
/// <see cref="TimeBase"/> ticks; <see cref="PictureType.I"/> forces a keyframe), <see cref="ReceivePacket"/> until
/// <see cref="CodecResult.Again"/>; drain with <c>SendFrame(null)</c> until <see cref="CodecResult.EndOfFile"/>.
/// Packets come out in <see cref="TimeBase"/>; rescale them to the output stream's time base before muxing.
/// </summary>
public sealed unsafe class Encoder : IDisposable
{
    private const int GlobalHeaderFlag = 1 << 22; // AV_CODEC_FLAG_GLOBAL_HEADER
    private readonly OwnedHandle<AVCodecContext> _handle;

    private Encoder(OwnedHandle<AVCodecContext> handle, string codecName, MediaType mediaType)
    {
        _handle = handle;
        CodecName = codecName;
        MediaType = mediaType;
    }

    /// <summary>The encoder's FFmpeg name.</summary>
    public string CodecName { get; }

    /// <summary>Video or audio.</summary>
    public MediaType MediaType { get; }

    /// <summary>The time base of frame PTS sent in and packet timestamps coming out.</summary>
    public Rational TimeBase { get { using var context = _handle.Acquire(); return Rational.FromNative(context.Pointer->time_base); } }

    /// <summary>Audio samples per channel each frame must carry (e.g. 1024 for AAC); 0 when any size is accepted.</summary>
    public int FrameSize { get { using var context = _handle.Acquire(); return context.Pointer->frame_size; } }

    /// <summary>The owning handle; native calls hold it with <see cref="OwnedHandle{T}.Acquire"/> for their duration.</summary>
    internal OwnedHandle<AVCodecContext> Handle => _handle;

    /// <summary>Opens a video encoder (<c>avcodec_find_encoder_by_name</c>, <c>avcodec_open2</c>).</summary>
    /// <param name="settings">The rendition's settings.</param>
    /// <returns>The open encoder.</returns>
    /// <exception cref="ArgumentException">No encoder of that name, or an option was not recognised.</exception>
    /// <exception cref="FFmpegException">The encoder refused the settings (e.g. NVENC without a GPU).</exception>
    public static Encoder CreateVideo(VideoEncoderSettings settings) =>
        Create(settings.Codec, MediaType.Video, settings.Options, settings, &ConfigureVideo);

    /// <summary>Opens an audio encoder (<c>avcodec_find_encoder_by_name</c>, <c>avcodec_open2</c>); its time base is 1/sample rate.</summary>
    /// <param name="settings">The rendition's settings.</param>
    /// <returns>The open encoder.</returns>
    /// <exception cref="ArgumentException">No encoder of that name, or an option was not recognised.</exception>
    /// <exception cref="FFmpegException">The encoder refused the settings.</exception>
    public static Encoder CreateAudio(AudioEncoderSettings settings) =>
        Create(settings.Codec, MediaType.Audio, settings.Options, settings, &ConfigureAudio);

    /// <summary>Sends one frame (<c>avcodec_send_frame</c>); null starts draining.</summary>
    /// <param name="frame">A frame with PTS in <see cref="TimeBase"/> ticks, or null to flush.</param>
    /// <returns><see cref="CodecResult.Again"/> when packets must be received first; <see cref="CodecResult.EndOfFile"/> when already draining.</returns>
    /// <exception cref="FFmpegException">The frame does not match the encoder (size, format) or encoding failed.</exception>
    public CodecResult SendFrame(Frame? frame)
    {
        using var context = _handle.Acquire();
        using var input = OwnedHandle<AVFrame>.AcquireOrNull(frame?.Handle);
        return AvCodec.avcodec_send_frame(context.Pointer, input.Pointer).ToCodecResult($"avcodec_send_frame({CodecName})");
    }

    /// <summary>Receives one packet into <paramref name="packet"/> (<c>avcodec_receive_packet</c>, which unreferences it first); timestamps in <see cref="TimeBase"/>.</summary>
    /// <param name="packet">The packet to fill.</param>
    /// <returns><see cref="CodecResult.Ok"/> with a packet, <see cref="CodecResult.Again"/> when it needs more frames, <see cref="CodecResult.EndOfFile"/> when drained.</returns>
    /// <exception cref="FFmpegException">An encoding error.</exception>
    public CodecResult ReceivePacket(Packet packet)
    {
        using var context = _handle.Acquire();
        using var output = packet.Handle.Acquire();
        return AvCodec.avcodec_receive_packet(context.Pointer, output.Pointer).ToCodecResult($"avcodec_receive_packet({CodecName})");
    }

    /// <summary>Frees the encoder (<c>avcodec_free_context</c>).</summary>
    public void Dispose() => _handle.Dispose();

    private static void ConfigureVideo(AVCodecContext* context, VideoEncoderSettings settings)
    {
        context->width = settings.Width;
        context->height = settings.Height;
        context->pix_fmt = settings.PixelFormat.Value;
        context->time_base = settings.TimeBase.ToNative();
        context->framerate = settings.FrameRate.ToNative();
        context->sample_aspect_ratio = new AVRational(1, 1);
        context->bit_rate = settings.BitRate;
        context->rc_max_rate = settings.MaxBitRate;
        context->rc_buffer_size = settings.BufferSize;
        context->thread_count = settings.Threads;
        if (settings.GopSize > 0)
        {
            context->gop_size = settings.GopSize;
        }

        if (settings.MaxBFrames is { } maxBFrames)
        {
            context->max_b_frames = maxBFrames;
        }

        if (settings.GlobalHeader)
        {
            context->flags |= GlobalHeaderFlag;
        }

        if (settings.HardwareFrames is { } frames)
        {
            using var framesBuffer = frames.Handle.Acquire();
            context->hw_frames_ctx = ErrorCodeExtensions.ThrowIfNull(AvUtil.av_buffer_ref(framesBuffer.Pointer), "av_buffer_ref");
        }
    }

    private static void ConfigureAudio(AVCodecContext* context, AudioEncoderSettings settings)
    {
        context->sample_rate = settings.SampleRate;
        context->sample_fmt = settings.SampleFormat.Value;
        var layout = settings.ChannelLayout.ToNative();
        AvUtil.av_channel_layout_copy(&context->ch_layout, &layout).ThrowIfError("av_channel_layout_copy");
        context->time_base = new AVRational(1, settings.SampleRate);
        context->bit_rate = settings.BitRate;
        if (settings.GlobalHeader)
        {
            context->flags |= GlobalHeaderFlag;
        }
    }

    private static Encoder Create<TSettings>(
        string codecName, MediaType mediaType, MediaDictionary? options, TSettings settings, delegate*<AVCodecContext*, TSettings, void> configure)
    {
        var codec = AvCodec.avcodec_find_encoder_by_name(codecName);
        if (codec == null)
        {
            throw new ArgumentException($"No encoder '{codecName}' in this FFmpeg build; run 'ffmpeg -encoders'.", nameof(codecName));
        }

        var handle = CodecContexts.Allocate(codec);
        try
        {
            using (var context = handle.Acquire())
            {
                configure(context.Pointer, settings);
                CodecContexts.Open(context.Pointer, codec, codecName, options);
            }

            return new Encoder(handle, codecName, mediaType);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
