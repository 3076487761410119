using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// A muxer (libavformat <c>AVFormatContext</c> from <c>avformat_alloc_output_context2</c>) writing to a file/URL
/// (<c>avio_open2</c>) or to a managed <see cref="Stream"/> through a custom <c>AVIOContext</c>. Order: add streams,
/// <see cref="WriteHeader"/>, write packets (timestamps in the output stream's time base, see <see cref="GetTimeBase"/>),
/// <see cref="WriteTrailer"/>. For CMAF in memory use format "mp4" with
/// <c>movflags=frag_custom+empty_moov+default_base_moof</c> and cut fragments with <see cref="FlushFragment"/>.
/// Network outputs run every blocking call under the context's <c>AVIOInterruptCB</c>: opening under
/// <see cref="OutputOptions.OpenTimeout"/>, writing under <see cref="OutputOptions.WriteTimeout"/> (time without
/// progress), both under a <see cref="CancellationToken"/>. Not thread-safe: one writer at a time; <see cref="Dispose"/>
/// may come from any thread.
/// </summary>
public sealed unsafe class OutputContext : IDisposable
{
    private const int NoFileFlag = 0x1; // AVFMT_NOFILE
    private const int GlobalHeaderFlag = 0x40; // AVFMT_GLOBALHEADER
    private const int CustomIoFlag = 0x80; // AVFMT_FLAG_CUSTOM_IO
    private const int AvioWriteFlag = 2; // AVIO_FLAG_WRITE
    private const string OpenStalled = "connecting to the destination; check that it is up and accepts the stream, or raise the open timeout.";
    private const string WriteStalled = "without any bytes going out; the destination stopped reading or the network is down: check the peer, or raise the write timeout.";
    private readonly OwnedHandle<AVFormatContext> _handle;
    private readonly InterruptState _interrupt;
    private readonly StreamIo? _writer;
    private readonly TimeSpan _writeTimeout;
    private readonly string _interleavedCall;
    private readonly string _writeCall;

    private OutputContext(AVFormatContext* context, string target, StreamIo? writer, TimeSpan writeTimeout)
    {
        _interrupt = InterruptState.Install(context, trackProgress: true);
        _handle = new OwnedHandle<AVFormatContext>(context, &Free);
        _writer = writer;
        _writeTimeout = writeTimeout;
        Target = target;
        _interleavedCall = $"av_interleaved_write_frame(\"{target}\")";
        _writeCall = $"av_write_frame(\"{target}\")";
    }

    /// <summary>The file/URL written to, or "memory:&lt;format&gt;".</summary>
    public string Target { get; }

    /// <summary>Whether encoders feeding this muxer must set <see cref="VideoEncoderSettings.GlobalHeader"/> (<c>AVFMT_GLOBALHEADER</c>: mp4, flv, matroska...).</summary>
    public bool NeedsGlobalHeader { get { using var context = _handle.Acquire(); return (context.Pointer->oformat->flags & GlobalHeaderFlag) != 0; } }

    /// <summary>Creates a muxer writing to <paramref name="url"/> (<c>avformat_alloc_output_context2</c>, <c>avio_open2</c> unless the format needs no file), with default timeouts.</summary>
    /// <param name="url">A file path or URL (rtmp://, srt://...).</param>
    /// <param name="format">The muxer's FFmpeg name ("mpegts", "mp4", "flv"...); null guesses from <paramref name="url"/>.</param>
    /// <param name="options">Protocol options for <c>avio_open2</c>; null for none.</param>
    /// <returns>The muxer.</returns>
    /// <exception cref="FFmpegTimeoutException">Connecting took longer than <see cref="OutputOptions.OpenTimeout"/>'s default.</exception>
    /// <exception cref="FFmpegException">The format is unknown or the target cannot be opened.</exception>
    public static OutputContext Create(string url, string? format = null, MediaDictionary? options = null) =>
        Create(url, new OutputOptions { Format = format, Options = options });

    /// <summary>
    /// Creates a muxer writing to <paramref name="url"/> (<c>avformat_alloc_output_context2</c>, <c>avio_open2</c> unless
    /// the format needs no file), connecting within <see cref="OutputOptions.OpenTimeout"/>.
    /// </summary>
    /// <param name="url">A file path or URL (rtmp://, srt://, tcp://...).</param>
    /// <param name="options">Format, protocol options and timeouts.</param>
    /// <param name="cancellationToken">Aborts a blocked connect.</param>
    /// <returns>The muxer.</returns>
    /// <exception cref="FFmpegTimeoutException">Connecting took longer than the open timeout.</exception>
    /// <exception cref="FFmpegException">The format is unknown or the target cannot be opened, e.g. <c>avio_open2("rtmp://...") failed: Connection refused (-111)</c>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static OutputContext Create(string url, OutputOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var output = new OutputContext(Allocate(options.Format, url), url, null, options.WriteTimeout);
        try
        {
            using var context = output._handle.Acquire();
            if ((context.Pointer->oformat->flags & NoFileFlag) == 0)
            {
                using var nativeOptions = new NativeOptions(options.Options);
                output._interrupt.Arm(options.OpenTimeout, cancellationToken, OpenStalled);
                var result = AvFormat.avio_open2(&context.Pointer->pb, url, AvioWriteFlag, &context.Pointer->interrupt_callback, nativeOptions.Address);
                output._interrupt.Check(result, $"avio_open2(\"{url}\")");
            }

            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a muxer whose bytes go to <paramref name="sink"/> through a custom write-only <c>AVIOContext</c>
    /// (<c>avio_alloc_context</c> with a write callback). The output is not seekable, so mp4 needs fragmenting movflags.
    /// </summary>
    /// <param name="format">The muxer's FFmpeg name ("mp4", "mpegts"...).</param>
    /// <param name="sink">Receives the bytes in order, on the thread calling the muxer.</param>
    /// <param name="bufferSize">The AVIO buffer in bytes; bytes reach the sink when it fills or on a flush.</param>
    /// <returns>The muxer.</returns>
    /// <exception cref="FFmpegException">The format is unknown.</exception>
    public static OutputContext CreateInMemory(string format, Stream sink, int bufferSize = 64 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 512);
        var context = Allocate(format, null);
        StreamIo writer;
        try
        {
            writer = StreamIo.CreateWriter(sink, bufferSize, out var pb);
            context->pb = pb;
            context->flags |= CustomIoFlag;
        }
        catch
        {
            AvFormat.avformat_free_context(context);
            throw;
        }

        return new OutputContext(context, $"memory:{format}", writer, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Adds a stream fed by <paramref name="encoder"/> (<c>avformat_new_stream</c>, <c>avcodec_parameters_from_context</c>); its time base starts as the encoder's.</summary>
    /// <param name="encoder">An open encoder.</param>
    /// <returns>The new stream's index, for <see cref="Packet.StreamIndex"/>.</returns>
    /// <exception cref="FFmpegException">The stream could not be added.</exception>
    public int AddStream(Encoder encoder)
    {
        using var context = _handle.Acquire();
        using var codec = encoder.Handle.Acquire();
        var stream = NewStream(context.Pointer);
        AvCodec.avcodec_parameters_from_context(stream->codecpar, codec.Pointer).ThrowIfError("avcodec_parameters_from_context");
        stream->time_base = codec.Pointer->time_base;
        return stream->index;
    }

    /// <summary>Adds a stream that copies <paramref name="source"/> without re-encoding (<c>avcodec_parameters_copy</c>); its time base starts as the source's.</summary>
    /// <param name="source">An input stream; its <see cref="InputContext"/> must be open.</param>
    /// <returns>The new stream's index, for <see cref="Packet.StreamIndex"/>.</returns>
    /// <exception cref="FFmpegException">The stream could not be added.</exception>
    public int AddStream(StreamInfo source)
    {
        using var context = _handle.Acquire();
        using var input = source.AcquireParameters(out var parameters);
        var stream = NewStream(context.Pointer);
        AvCodec.avcodec_parameters_copy(stream->codecpar, parameters).ThrowIfError("avcodec_parameters_copy");
        stream->codecpar->codec_tag = 0; // let the muxer pick its own tag for the codec
        stream->time_base = source.TimeBase.ToNative();
        return stream->index;
    }

    /// <summary>Adds a stream described by detached <paramref name="parameters"/> (<c>avformat_new_stream</c>, <c>avcodec_parameters_copy</c>), e.g. a packager's track.</summary>
    /// <param name="parameters">The codec parameters; copied, so the caller keeps ownership.</param>
    /// <param name="timeBase">The time base the packets will carry; the muxer may change it in <see cref="WriteHeader"/>, so read <see cref="GetTimeBase"/> after.</param>
    /// <returns>The new stream's index, for <see cref="Packet.StreamIndex"/>.</returns>
    /// <exception cref="FFmpegException">The stream could not be added.</exception>
    /// <exception cref="ObjectDisposedException">The output or the parameters were disposed.</exception>
    public int AddStream(CodecParameters parameters, Rational timeBase)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var context = _handle.Acquire();
        using var source = parameters.Handle.Acquire();
        var stream = NewStream(context.Pointer);
        AvCodec.avcodec_parameters_copy(stream->codecpar, source.Pointer).ThrowIfError("avcodec_parameters_copy");
        stream->codecpar->codec_tag = 0; // let the muxer pick its own tag for the codec
        stream->time_base = timeBase.ToNative();
        return stream->index;
    }

    /// <summary>The time base of stream <paramref name="streamIndex"/>; the muxer may change it in <see cref="WriteHeader"/>, so read it after.</summary>
    /// <param name="streamIndex">An output stream index.</param>
    public Rational GetTimeBase(int streamIndex)
    {
        using var context = _handle.Acquire();
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)streamIndex, context.Pointer->nb_streams, nameof(streamIndex));
        return Rational.FromNative(context.Pointer->streams[streamIndex]->time_base);
    }

    /// <summary>Writes the container header (<c>avformat_write_header</c>) within the write timeout.</summary>
    /// <param name="options">Muxer options, e.g. <c>movflags=frag_custom+empty_moov+default_base_moof</c>, <c>mpegts_flags</c>.</param>
    /// <param name="cancellationToken">Aborts a blocked write.</param>
    /// <exception cref="FFmpegTimeoutException">No bytes went out for the write timeout.</exception>
    /// <exception cref="FFmpegException">The muxer rejected the streams or options.</exception>
    /// <exception cref="ArgumentException">An option was not recognised.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The output was disposed, before or during the call.</exception>
    public void WriteHeader(MediaDictionary? options = null, CancellationToken cancellationToken = default)
    {
        var call = $"avformat_write_header(\"{Target}\")";
        using var nativeOptions = new NativeOptions(options);
        using var context = _handle.Acquire();
        _interrupt.Arm(_writeTimeout, cancellationToken, WriteStalled);
        Check(AvFormat.avformat_write_header(context.Pointer, nativeOptions.Address), call);
        nativeOptions.ThrowIfUnused(call);
    }

    /// <summary>
    /// Writes a packet, buffering as needed to interleave streams by DTS (<c>av_interleaved_write_frame</c>), within
    /// the write timeout. Takes the packet's data: <paramref name="packet"/> is empty afterwards.
    /// </summary>
    /// <param name="packet">A packet with <see cref="Packet.StreamIndex"/> and timestamps in that output stream's time base.</param>
    /// <param name="cancellationToken">Aborts a blocked write.</param>
    /// <exception cref="FFmpegTimeoutException">No bytes went out for the write timeout (the peer stopped reading).</exception>
    /// <exception cref="FFmpegException">The muxer rejected the packet (e.g. non-monotonic DTS) or writing failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The output or packet was disposed, or the output was disposed during the call (which aborts it).</exception>
    public void WriteInterleaved(Packet packet, CancellationToken cancellationToken = default)
    {
        using var context = _handle.Acquire();
        using var input = packet.Handle.Acquire();
        _interrupt.Arm(_writeTimeout, cancellationToken, WriteStalled);
        Check(AvFormat.av_interleaved_write_frame(context.Pointer, input.Pointer), _interleavedCall);
    }

    /// <summary>
    /// Writes a packet directly, without interleaving (<c>av_write_frame</c>), within the write timeout; the caller keeps <paramref name="packet"/>.
    /// </summary>
    /// <param name="packet">A packet with <see cref="Packet.StreamIndex"/> and timestamps in that output stream's time base.</param>
    /// <param name="cancellationToken">Aborts a blocked write.</param>
    /// <exception cref="FFmpegTimeoutException">No bytes went out for the write timeout (the peer stopped reading).</exception>
    /// <exception cref="FFmpegException">The muxer rejected the packet or writing failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The output or packet was disposed, or the output was disposed during the call (which aborts it).</exception>
    public void Write(Packet packet, CancellationToken cancellationToken = default)
    {
        using var context = _handle.Acquire();
        using var input = packet.Handle.Acquire();
        _interrupt.Arm(_writeTimeout, cancellationToken, WriteStalled);
        Check(AvFormat.av_write_frame(context.Pointer, input.Pointer), _writeCall);
    }

    /// <summary>
    /// Ends the current fragment of an mp4 with <c>movflags=frag_custom</c> (<c>av_write_frame(s, NULL)</c>) and pushes
    /// the buffered bytes out (<c>avio_flush</c>) within the write timeout: everything written so far has reached the
    /// sink when this returns.
    /// </summary>
    /// <param name="cancellationToken">Aborts a blocked write.</param>
    /// <exception cref="FFmpegTimeoutException">No bytes went out for the write timeout.</exception>
    /// <exception cref="FFmpegException">Writing failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The output was disposed, before or during the call.</exception>
    public void FlushFragment(CancellationToken cancellationToken = default)
    {
        var call = $"av_write_frame(\"{Target}\", NULL)";
        using var context = _handle.Acquire();
        _interrupt.Arm(_writeTimeout, cancellationToken, WriteStalled);
        Check(AvFormat.av_write_frame(context.Pointer, null), call);
        Flush(context.Pointer, call);
    }

    /// <summary>Flushes interleaving queues and writes the trailer (<c>av_write_trailer</c>), then flushes the bytes out, within the write timeout.</summary>
    /// <param name="cancellationToken">Aborts a blocked write.</param>
    /// <exception cref="FFmpegTimeoutException">No bytes went out for the write timeout.</exception>
    /// <exception cref="FFmpegException">Writing failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The output was disposed, before or during the call.</exception>
    public void WriteTrailer(CancellationToken cancellationToken = default)
    {
        var call = $"av_write_trailer(\"{Target}\")";
        using var context = _handle.Acquire();
        _interrupt.Arm(_writeTimeout, cancellationToken, WriteStalled);
        Check(AvFormat.av_write_trailer(context.Pointer), call);
        Flush(context.Pointer, call);
    }

    /// <summary>
    /// Closes the file or connection (<c>avio_closep</c>) or custom I/O (<c>avio_context_free</c>) and frees the muxer
    /// (<c>avformat_free_context</c>). Safe while another thread is inside a write: that call is aborted (it throws
    /// <see cref="ObjectDisposedException"/>) and the muxer is freed when it returns. Does not write the trailer, and
    /// does not wait on a stalled peer: unflushed bytes of a network output are dropped.
    /// </summary>
    public void Dispose()
    {
        _interrupt.Close();
        _handle.Dispose();
    }

    private static AVFormatContext* Allocate(string? format, string? url)
    {
        AVFormatContext* context = null;
        var result = AvFormat.avformat_alloc_output_context2(&context, null, format, url);
        return result < 0
            ? throw new FFmpegException($"avformat_alloc_output_context2({format ?? url})", result, $"No muxer for '{format ?? url}': {FFmpegException.ErrorText(result)} ({result}); run 'ffmpeg -muxers'.")
            : context;
    }

    private static AVStream* NewStream(AVFormatContext* context) =>
        ErrorCodeExtensions.ThrowIfNull(AvFormat.avformat_new_stream(context, null), "avformat_new_stream");

    /// <summary>
    /// The handle's release function: closes the I/O the context owns (custom I/O with <see cref="StreamIo.Free"/>,
    /// a file or connection with <c>avio_closep</c>), frees the context, then its interrupt state.
    /// </summary>
    private static void Free(AVFormatContext* context)
    {
        var callback = context->interrupt_callback;
        if ((context->flags & CustomIoFlag) != 0)
        {
            StreamIo.Free(context->pb);
            context->pb = null;
        }
        else if ((context->oformat->flags & NoFileFlag) == 0)
        {
            _ = AvFormat.avio_closep(&context->pb); // nothing to do about a failed close while disposing
        }

        AvFormat.avformat_free_context(context);
        InterruptState.Release(callback);
    }

    private void Flush(AVFormatContext* context, string call)
    {
        if (context->pb != null)
        {
            AvFormat.avio_flush(context->pb);
            Check(context->pb->error, call);
        }
    }

    private void Check(int result, string call)
    {
        if (result < 0 && _writer?.TakeError() is { } error)
        {
            throw new IOException($"{call} failed: the output stream threw {error.GetType().Name}: {error.Message}", error);
        }

        _interrupt.Check(result, call);
    }
}
