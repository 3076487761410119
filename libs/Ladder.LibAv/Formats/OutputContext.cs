using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// A muxer (libavformat <c>AVFormatContext</c> from <c>avformat_alloc_output_context2</c>) writing to a file/URL
/// (<c>avio_open2</c>) or to a managed <see cref="Stream"/> through a custom <c>AVIOContext</c>. Order: add streams,
/// <see cref="WriteHeader"/>, write packets (timestamps in the output stream's time base, see <see cref="GetTimeBase"/>),
/// <see cref="WriteTrailer"/>. For CMAF in memory use format "mp4" with
/// <c>movflags=frag_custom+empty_moov+default_base_moof</c> and cut fragments with <see cref="FlushFragment"/>.
/// </summary>
public sealed unsafe class OutputContext : IDisposable
{
    private const int NoFileFlag = 0x1; // AVFMT_NOFILE
    private const int GlobalHeaderFlag = 0x40; // AVFMT_GLOBALHEADER
    private const int CustomIoFlag = 0x80; // AVFMT_FLAG_CUSTOM_IO
    private const int AvioWriteFlag = 2; // AVIO_FLAG_WRITE
    private readonly OwnedHandle<AVFormatContext> _handle;
    private readonly MemoryWriter? _writer;
    private readonly bool _ownsFile;

    private OutputContext(AVFormatContext* context, string target, MemoryWriter? writer, bool ownsFile)
    {
        _handle = new OwnedHandle<AVFormatContext>(context, &AvFormat.avformat_free_context);
        _writer = writer;
        _ownsFile = ownsFile;
        Target = target;
    }

    /// <summary>The file/URL written to, or "memory:&lt;format&gt;".</summary>
    public string Target { get; }

    /// <summary>Whether encoders feeding this muxer must set <see cref="VideoEncoderSettings.GlobalHeader"/> (<c>AVFMT_GLOBALHEADER</c>: mp4, flv, matroska...).</summary>
    public bool NeedsGlobalHeader => (_handle.Pointer->oformat->flags & GlobalHeaderFlag) != 0;

    /// <summary>Creates a muxer writing to <paramref name="url"/> (<c>avformat_alloc_output_context2</c>, <c>avio_open2</c> unless the format needs no file).</summary>
    /// <param name="url">A file path or URL (rtmp://, srt://...).</param>
    /// <param name="format">The muxer's FFmpeg name ("mpegts", "mp4", "flv"...); null guesses from <paramref name="url"/>.</param>
    /// <param name="options">Protocol options for <c>avio_open2</c>; null for none.</param>
    /// <returns>The muxer.</returns>
    /// <exception cref="FFmpegException">The format is unknown or the target cannot be opened.</exception>
    public static OutputContext Create(string url, string? format = null, MediaDictionary? options = null)
    {
        var context = Allocate(format, url);
        var ownsFile = (context->oformat->flags & NoFileFlag) == 0;
        if (ownsFile)
        {
            var call = $"avio_open2(\"{url}\")";
            using var nativeOptions = new NativeOptions(options);
            var result = AvFormat.avio_open2(&context->pb, url, AvioWriteFlag, null, nativeOptions.Address);
            if (result < 0)
            {
                AvFormat.avformat_free_context(context);
                throw new FFmpegException(call, result);
            }
        }

        return new OutputContext(context, url, null, ownsFile);
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
        try
        {
            var writer = new MemoryWriter(sink, bufferSize);
            context->pb = writer.Context;
            context->flags |= CustomIoFlag;
            return new OutputContext(context, $"memory:{format}", writer, ownsFile: false);
        }
        catch
        {
            AvFormat.avformat_free_context(context);
            throw;
        }
    }

    /// <summary>Adds a stream fed by <paramref name="encoder"/> (<c>avformat_new_stream</c>, <c>avcodec_parameters_from_context</c>); its time base starts as the encoder's.</summary>
    /// <param name="encoder">An open encoder.</param>
    /// <returns>The new stream's index, for <see cref="Packet.StreamIndex"/>.</returns>
    /// <exception cref="FFmpegException">The stream could not be added.</exception>
    public int AddStream(Encoder encoder)
    {
        var stream = NewStream();
        AvCodec.avcodec_parameters_from_context(stream->codecpar, encoder.Native).ThrowIfError("avcodec_parameters_from_context");
        stream->time_base = encoder.Native->time_base;
        return stream->index;
    }

    /// <summary>Adds a stream that copies <paramref name="source"/> without re-encoding (<c>avcodec_parameters_copy</c>); its time base starts as the source's.</summary>
    /// <param name="source">An input stream; its <see cref="InputContext"/> must be open.</param>
    /// <returns>The new stream's index, for <see cref="Packet.StreamIndex"/>.</returns>
    /// <exception cref="FFmpegException">The stream could not be added.</exception>
    public int AddStream(StreamInfo source)
    {
        var stream = NewStream();
        AvCodec.avcodec_parameters_copy(stream->codecpar, source.CodecParameters).ThrowIfError("avcodec_parameters_copy");
        stream->codecpar->codec_tag = 0; // let the muxer pick its own tag for the codec
        stream->time_base = source.TimeBase.ToNative();
        return stream->index;
    }

    /// <summary>The time base of stream <paramref name="streamIndex"/>; the muxer may change it in <see cref="WriteHeader"/>, so read it after.</summary>
    /// <param name="streamIndex">An output stream index.</param>
    public Rational GetTimeBase(int streamIndex)
    {
        var context = _handle.Pointer;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)streamIndex, context->nb_streams, nameof(streamIndex));
        return Rational.FromNative(context->streams[streamIndex]->time_base);
    }

    /// <summary>Writes the container header (<c>avformat_write_header</c>).</summary>
    /// <param name="options">Muxer options, e.g. <c>movflags=frag_custom+empty_moov+default_base_moof</c>, <c>mpegts_flags</c>.</param>
    /// <exception cref="FFmpegException">The muxer rejected the streams or options.</exception>
    /// <exception cref="ArgumentException">An option was not recognised.</exception>
    public void WriteHeader(MediaDictionary? options = null)
    {
        var call = $"avformat_write_header({Target})";
        using var nativeOptions = new NativeOptions(options);
        Check(AvFormat.avformat_write_header(_handle.Pointer, nativeOptions.Address), call);
        nativeOptions.ThrowIfUnused(call);
    }

    /// <summary>
    /// Writes a packet, buffering as needed to interleave streams by DTS (<c>av_interleaved_write_frame</c>).
    /// Takes the packet's data: <paramref name="packet"/> is empty afterwards.
    /// </summary>
    /// <param name="packet">A packet with <see cref="Packet.StreamIndex"/> and timestamps in that output stream's time base.</param>
    /// <exception cref="FFmpegException">The muxer rejected the packet (e.g. non-monotonic DTS) or writing failed.</exception>
    public void WriteInterleaved(Packet packet) => Check(AvFormat.av_interleaved_write_frame(_handle.Pointer, packet.Native), $"av_interleaved_write_frame({Target})");

    /// <summary>
    /// Writes a packet directly, without interleaving (<c>av_write_frame</c>); the caller keeps <paramref name="packet"/>.
    /// </summary>
    /// <param name="packet">A packet with <see cref="Packet.StreamIndex"/> and timestamps in that output stream's time base.</param>
    /// <exception cref="FFmpegException">The muxer rejected the packet or writing failed.</exception>
    public void Write(Packet packet) => Check(AvFormat.av_write_frame(_handle.Pointer, packet.Native), $"av_write_frame({Target})");

    /// <summary>
    /// Ends the current fragment of an mp4 with <c>movflags=frag_custom</c> (<c>av_write_frame(s, NULL)</c>) and pushes
    /// the buffered bytes out (<c>avio_flush</c>): everything written so far has reached the sink when this returns.
    /// </summary>
    /// <exception cref="FFmpegException">Writing failed.</exception>
    public void FlushFragment()
    {
        var call = $"av_write_frame({Target}, NULL)";
        Check(AvFormat.av_write_frame(_handle.Pointer, null), call);
        AvFormat.avio_flush(_handle.Pointer->pb);
        ThrowIfSinkFailed(call);
    }

    /// <summary>Flushes interleaving queues and writes the trailer (<c>av_write_trailer</c>), then flushes the bytes out.</summary>
    /// <exception cref="FFmpegException">Writing failed.</exception>
    public void WriteTrailer()
    {
        var call = $"av_write_trailer({Target})";
        Check(AvFormat.av_write_trailer(_handle.Pointer), call);
        AvFormat.avio_flush(_handle.Pointer->pb);
        ThrowIfSinkFailed(call);
    }

    /// <summary>Closes the file (<c>avio_closep</c>) or custom I/O (<c>avio_context_free</c>) and frees the muxer (<c>avformat_free_context</c>).</summary>
    public void Dispose()
    {
        if (!_handle.IsClosed)
        {
            var context = _handle.Pointer;
            if (_ownsFile)
            {
                _ = AvFormat.avio_closep(&context->pb); // nothing to do about a failed close while disposing
            }
            else if (_writer is not null)
            {
                context->pb = null;
                _writer.Dispose();
            }
        }

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

    private AVStream* NewStream() =>
        ErrorCodeExtensions.ThrowIfNull(AvFormat.avformat_new_stream(_handle.Pointer, null), "avformat_new_stream");

    private void Check(int result, string call)
    {
        if (result < 0)
        {
            ThrowIfSinkFailed(call);
        }

        result.ThrowIfError(call);
    }

    private void ThrowIfSinkFailed(string call)
    {
        if (_writer?.TakeError() is { } error)
        {
            throw new IOException($"{call} failed: the output stream threw {error.GetType().Name}: {error.Message}", error);
        }
    }
}
