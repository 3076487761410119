using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// A demuxer on one input URL (file, rtmp://, srt://, rtsp://, udp://, http(s):// HLS...): libavformat
/// <c>avformat_open_input</c> + <c>avformat_find_stream_info</c>, then <c>av_read_frame</c>; closed by
/// <c>avformat_close_input</c>. Every blocking call runs under a deadline and a <see cref="CancellationToken"/>
/// through the context's <c>AVIOInterruptCB</c>. <see cref="Open(Stream, string, InputOptions, CancellationToken)"/> reads
/// a managed <see cref="Stream"/> instead of a URL, through a custom read-only <c>AVIOContext</c> that honours the same
/// deadlines and token. Not thread-safe: one reader at a time; <see cref="Dispose"/> may come from any thread.
/// </summary>
public sealed unsafe class InputContext : IDisposable
{
    private const int CustomIoFlag = 0x80; // AVFMT_FLAG_CUSTOM_IO
    private const int IoBufferSize = 32 * 1024;
    private readonly OwnedHandle<AVFormatContext> _handle;
    private readonly InterruptState _interrupt;
    private readonly StreamIo? _reader;
    private readonly Stream? _source;
    private readonly TimeSpan _readTimeout;
    private readonly string _readCall;

    private InputContext(OwnedHandle<AVFormatContext> handle, AVFormatContext* context, InterruptState interrupt, StreamIo? reader, Stream? source, string url, TimeSpan readTimeout)
    {
        _handle = handle;
        _interrupt = interrupt;
        _reader = reader;
        _source = source;
        _readTimeout = readTimeout;
        _readCall = $"av_read_frame(\"{url}\")";
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
            using var context = _handle.Acquire();
            var duration = context.Pointer->duration;
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
    public static InputContext Open(string url, InputOptions? options = null, CancellationToken cancellationToken = default) =>
        Open(url, null, options ?? new InputOptions(), cancellationToken);

    /// <summary>
    /// Opens a demuxer on the bytes of <paramref name="source"/> (a custom read-only, non-seekable <c>AVIOContext</c>)
    /// and probes its streams within <see cref="InputOptions.OpenTimeout"/>. The source must support
    /// <see cref="Stream.ReadTimeout"/> and throw <see cref="TimeoutException"/> when no byte came within it (the reader
    /// polls the deadline and token between such waits); a read returning 0 ends the input. The input owns
    /// <paramref name="source"/>: it disposes it when it is disposed (after closing the demuxer), or when opening fails.
    /// </summary>
    /// <param name="source">The container bytes, e.g. an FLV byte stream.</param>
    /// <param name="name">Names the input in messages and FFmpeg's log (no secrets in it), e.g. <c>rtmp://0.0.0.0:1935/live/****</c>.</param>
    /// <param name="options">Format (set it: a stream cannot be probed by name), options and timeouts.</param>
    /// <param name="cancellationToken">Aborts a blocked open.</param>
    /// <returns>The open input; <see cref="ReadPacket"/> rethrows an exception of <paramref name="source"/> other than a timeout.</returns>
    /// <exception cref="FFmpegTimeoutException">Opening or probing took longer than the open timeout.</exception>
    /// <exception cref="FFmpegException">The bytes are not of the format, e.g. <c>avformat_open_input("...") failed: Invalid data found when processing input (-1094995529)</c>.</exception>
    /// <exception cref="ArgumentException">An unknown format name, or a source that cannot be read or time out.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static InputContext Open(Stream source, string name, InputOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return Open(name, source, options, cancellationToken);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private static InputContext Open(string url, Stream? source, InputOptions options, CancellationToken cancellationToken)
    {
        AVInputFormat* format = null;
        if (options.Format is { } formatName)
        {
            format = AvFormat.av_find_input_format(formatName);
            if (format == null)
            {
                throw new ArgumentException($"Unknown input format '{formatName}'; run 'ffmpeg -demuxers' for the names FFmpeg knows.", nameof(options));
            }
        }

        var context = ErrorCodeExtensions.ThrowIfNull(AvFormat.avformat_alloc_context(), "avformat_alloc_context");
        var interrupt = InterruptState.Install(context, trackProgress: false);
        var callback = context->interrupt_callback;
        StreamIo? reader = null;
        AVIOContext* pb = null;
        if (source is not null)
        {
            try
            {
                reader = StreamIo.CreateReader(source, interrupt, IoBufferSize, out pb);
            }
            catch
            {
                AvFormat.avformat_free_context(context);
                InterruptState.Release(callback);
                throw;
            }

            context->pb = pb; // avformat_open_input marks it AVFMT_FLAG_CUSTOM_IO: Close frees it
        }

        interrupt.Arm(options.OpenTimeout, cancellationToken);
        var openContext = $"avformat_open_input(\"{url}\")";
        using var openOptions = new NativeOptions(options.Options);
        var opened = AvFormat.avformat_open_input(&context, url, format, openOptions.Address);
        if (opened < 0)
        {
            // avformat_open_input freed the context, but never a custom AVIOContext
            StreamIo.Free(pb);
            InterruptState.Release(callback);
            Check(interrupt, reader, opened, openContext);
            throw new FFmpegException(openContext, opened);
        }

        // From here the handle owns the context and, through Close, the interrupt state and custom I/O.
        var handle = new OwnedHandle<AVFormatContext>(context, &Close);
        try
        {
            openOptions.ThrowIfUnused(openContext);
            if (options.FindStreamInfo)
            {
                Check(interrupt, reader, AvFormat.avformat_find_stream_info(context, null), $"avformat_find_stream_info(\"{url}\")");
            }

            return new InputContext(handle, context, interrupt, reader, source, url, options.ReadTimeout);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <see cref="InterruptState.Check"/> for a call that may have read through <paramref name="reader"/>: a custom
    /// read aborted by the interrupt state can surface as an end of file, and an exception of the source is rethrown.
    /// </summary>
    private static int Check(InterruptState interrupt, StreamIo? reader, int result, string call)
    {
        if (reader is not null && result < 0)
        {
            var aborted = reader.Aborted;
            if (reader.TakeError() is { } error)
            {
                throw error;
            }

            result = aborted ? ErrorCodes.Exit : result;
        }

        return interrupt.Check(result, call);
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
    /// <exception cref="IOException">The source stream of a stream input failed (its own exception).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">This input or <paramref name="packet"/> is disposed, or this input was disposed during the read (which aborts it).</exception>
    public bool ReadPacket(Packet packet, CancellationToken cancellationToken = default)
    {
        using var context = _handle.Acquire();
        using var output = packet.Handle.Acquire();
        AvCodec.av_packet_unref(output.Pointer);
        _interrupt.Arm(_readTimeout, cancellationToken);
        var result = AvFormat.av_read_frame(context.Pointer, output.Pointer);
        return Check(_interrupt, _reader, result, _readCall) != ErrorCodes.EndOfFile;
    }

    /// <summary>The first stream of <paramref name="mediaType"/>, or null.</summary>
    /// <param name="mediaType">Video, audio...</param>
    public StreamInfo? FindStream(MediaType mediaType) => Streams.FirstOrDefault(s => s.MediaType == mediaType);

    /// <summary>
    /// Closes the input (<c>avformat_close_input</c>) and disposes the source stream of a stream input. Safe while
    /// another thread is inside <see cref="ReadPacket"/>: that call is aborted (it throws
    /// <see cref="ObjectDisposedException"/>) and the input is closed when it returns.
    /// </summary>
    public void Dispose()
    {
        _interrupt.Close();
        _handle.Dispose();
        _source?.Dispose();
    }

    /// <summary>Holds the input open and gives stream <paramref name="index"/>, valid until the lease is disposed.</summary>
    /// <exception cref="ObjectDisposedException">The input was disposed.</exception>
    internal OwnedHandle<AVFormatContext>.Lease AcquireStream(int index, out AVStream* stream)
    {
        var lease = _handle.Acquire();
        if ((uint)index >= lease.Pointer->nb_streams)
        {
            lease.Dispose();
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The input has {lease.Pointer->nb_streams} streams.");
        }

        stream = lease.Pointer->streams[index];
        return lease;
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

    /// <summary>The handle's release function: closes the input (<c>avformat_close_input</c>), then frees its custom I/O, if any, and its interrupt state.</summary>
    private static void Close(AVFormatContext* context)
    {
        var callback = context->interrupt_callback;
        var customIo = (context->flags & CustomIoFlag) != 0 ? context->pb : null;
        AvFormat.avformat_close_input(&context);
        StreamIo.Free(customIo);
        InterruptState.Release(callback);
    }
}
