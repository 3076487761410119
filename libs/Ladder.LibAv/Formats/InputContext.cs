using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// A demuxer on one input URL (file, rtmp://, srt://, rtsp://, udp://, http(s):// HLS...): libavformat
/// <c>avformat_open_input</c> + <c>avformat_find_stream_info</c>, then <c>av_read_frame</c>; closed by
/// <c>avformat_close_input</c>. Every blocking call runs under a deadline and a <see cref="CancellationToken"/>
/// through the context's <c>AVIOInterruptCB</c>. Not thread-safe: one reader at a time.
/// </summary>
public sealed unsafe class InputContext : IDisposable
{
    private readonly OwnedHandle<AVFormatContext> _handle;
    private readonly InterruptState _interrupt;
    private readonly TimeSpan _readTimeout;

    private InputContext(AVFormatContext* context, InterruptState interrupt, string url, TimeSpan readTimeout)
    {
        _handle = new OwnedHandle<AVFormatContext>(context, &Close);
        _interrupt = interrupt;
        _readTimeout = readTimeout;
        Url = url;
        var streams = new List<StreamInfo>((int)context->nb_streams);
        for (var i = 0; i < (int)context->nb_streams; i++)
        {
            streams.Add(Describe(context, context->streams[i]));
        }

        Streams = streams;
    }

    /// <summary>The URL this input was opened with.</summary>
    public string Url { get; }

    /// <summary>The input's streams, in index order.</summary>
    public IReadOnlyList<StreamInfo> Streams { get; }

    /// <summary>The container duration; null when unknown (live inputs).</summary>
    public TimeSpan? Duration
    {
        get
        {
            var duration = _handle.Pointer->duration;
            return duration == Timestamp.None ? null : TimeSpan.FromMicroseconds(duration);
        }
    }

    /// <summary>
    /// Opens <paramref name="url"/> and probes its streams within <see cref="InputOptions.OpenTimeout"/>
    /// (<c>avformat_open_input</c>, <c>avformat_find_stream_info</c>).
    /// </summary>
    /// <param name="url">A file path or URL.</param>
    /// <param name="options">Format, options and timeouts; null for defaults.</param>
    /// <param name="cancellationToken">Aborts a blocked open.</param>
    /// <returns>The open input.</returns>
    /// <exception cref="FFmpegTimeoutException">Opening or probing took longer than the open timeout.</exception>
    /// <exception cref="FFmpegException">FFmpeg failed, e.g. <c>avformat_open_input("rtmp://...") failed: Connection refused (-111)</c>.</exception>
    /// <exception cref="ArgumentException">An unknown format name or option.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static InputContext Open(string url, InputOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new InputOptions();
        AVInputFormat* format = null;
        if (options.Format is { } formatName)
        {
            format = AvFormat.av_find_input_format(formatName);
            if (format == null)
            {
                throw new ArgumentException($"Unknown input format '{formatName}'; run 'ffmpeg -demuxers' for the names FFmpeg knows.", nameof(options));
            }
        }

        var interrupt = new InterruptState();
        try
        {
            var context = ErrorCodeExtensions.ThrowIfNull(AvFormat.avformat_alloc_context(), "avformat_alloc_context");
            context->interrupt_callback = interrupt.Callback;
            interrupt.Arm(options.OpenTimeout, cancellationToken);
            var openContext = $"avformat_open_input(\"{url}\")";
            using (var openOptions = new NativeOptions(options.Options))
            {
                interrupt.Check(AvFormat.avformat_open_input(&context, url, format, openOptions.Address), openContext);
                openOptions.ThrowIfUnused(openContext);
            }

            try
            {
                if (options.FindStreamInfo)
                {
                    interrupt.Check(AvFormat.avformat_find_stream_info(context, null), $"avformat_find_stream_info(\"{url}\")");
                }

                return new InputContext(context, interrupt, url, options.ReadTimeout);
            }
            catch
            {
                AvFormat.avformat_close_input(&context);
                throw;
            }
        }
        catch
        {
            interrupt.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the next packet into <paramref name="packet"/> (unreferencing what it held) within
    /// <see cref="InputOptions.ReadTimeout"/> (<c>av_read_frame</c>). Timestamps are in the stream's time base.
    /// </summary>
    /// <param name="packet">The packet to fill.</param>
    /// <param name="cancellationToken">Aborts a blocked read.</param>
    /// <returns>True with a packet; false at the end of the input.</returns>
    /// <exception cref="FFmpegTimeoutException">No data arrived within the read timeout.</exception>
    /// <exception cref="FFmpegException">A read error.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public bool ReadPacket(Packet packet, CancellationToken cancellationToken = default)
    {
        packet.Unref();
        _interrupt.Arm(_readTimeout, cancellationToken);
        var result = AvFormat.av_read_frame(_handle.Pointer, packet.Native);
        return _interrupt.Check(result, $"av_read_frame(\"{Url}\")") != ErrorCodes.EndOfFile;
    }

    /// <summary>The first stream of <paramref name="mediaType"/>, or null.</summary>
    /// <param name="mediaType">Video, audio...</param>
    public StreamInfo? FindStream(MediaType mediaType) => Streams.FirstOrDefault(s => s.MediaType == mediaType);

    /// <summary>Closes the input (<c>avformat_close_input</c>).</summary>
    public void Dispose()
    {
        _handle.Dispose();
        _interrupt.Dispose();
    }

    internal AVStream* GetStream(int index)
    {
        var context = _handle.Pointer;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, context->nb_streams, nameof(index));
        return context->streams[index];
    }

    private StreamInfo Describe(AVFormatContext* context, AVStream* stream)
    {
        var parameters = stream->codecpar;
        var mediaType = (MediaType)parameters->codec_type;
        return new StreamInfo
        {
            Index = stream->index,
            MediaType = mediaType,
            CodecId = parameters->codec_id,
            CodecName = NativeText.Read(AvCodec.avcodec_get_name(parameters->codec_id)) ?? "unknown",
            TimeBase = Rational.FromNative(stream->time_base),
            FrameRate = mediaType == MediaType.Video ? Rational.FromNative(AvFormat.av_guess_frame_rate(context, stream, null)) : new Rational(0, 1),
            BitRate = parameters->bit_rate,
            Width = parameters->width,
            Height = parameters->height,
            PixelFormat = mediaType == MediaType.Video ? new PixelFormat(parameters->format) : PixelFormat.None,
            SampleRate = parameters->sample_rate,
            SampleFormat = mediaType == MediaType.Audio ? new SampleFormat(parameters->format) : SampleFormat.None,
            ChannelLayout = mediaType == MediaType.Audio ? ChannelLayout.FromNative(&parameters->ch_layout) : null,
            StartTime = stream->start_time,
            Duration = stream->duration,
            FrameCount = stream->nb_frames,
            Owner = this,
        };
    }

    private static void Close(AVFormatContext* context) => AvFormat.avformat_close_input(&context);
}
