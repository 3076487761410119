using System.Runtime.InteropServices;
using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// A custom <c>AVIOContext</c> (<c>avio_alloc_context</c>) over a managed <see cref="Stream"/>: write-only (a muxer's
/// bytes are copied into the stream by the <c>write_packet</c> callback) or read-only (a demuxer reads the stream
/// through the <c>read_packet</c> callback). FFmpeg holds a <see cref="GCHandle"/> to this object as the opaque pointer
/// (the handle keeps it alive; no <see cref="GC.KeepAlive"/> is needed); the callbacks are static
/// <see cref="UnmanagedCallersOnlyAttribute"/> methods, so no delegate has to be kept alive. The context, its buffer
/// and the handle are freed together by <see cref="Free"/>, which the owning format context's release function calls,
/// so a callback can never run on a freed handle. An exception from the stream is kept and rethrown by the libavformat
/// call that triggered it.
/// </summary>
/// <remarks>
/// A custom read callback is not polled by the format context's <c>AVIOInterruptCB</c>, so a read-only context polls
/// its <see cref="InterruptState"/> itself: the source stream waits at most its <see cref="Stream.ReadTimeout"/>
/// (set to <see cref="PollMilliseconds"/>) and signals "no data yet" with a <see cref="TimeoutException"/>, after
/// which the callback checks for a deadline, a cancellation or a dispose, and either waits again or aborts with
/// <c>AVERROR_EXIT</c>.
/// </remarks>
internal sealed unsafe class StreamIo
{
    /// <summary>How long one wait of a read-only context's source may block before the interrupt state is polled again.</summary>
    public const int PollMilliseconds = 100;

    private const int IoError = -5; // AVERROR(EIO)
    private readonly Stream _stream;
    private readonly InterruptState? _interrupt;

    private StreamIo(Stream stream, InterruptState? interrupt)
    {
        _stream = stream;
        _interrupt = interrupt;
    }

    /// <summary>Whether a read was aborted by the interrupt state (deadline, cancellation, dispose) since the last <see cref="TakeError"/>.</summary>
    public bool Aborted { get; private set; }

    private Exception? Error { get; set; }

    /// <summary>Creates a write-only context whose bytes go to <paramref name="sink"/>; free it with <see cref="Free"/>.</summary>
    /// <param name="sink">Receives the bytes.</param>
    /// <param name="bufferSize">The AVIO buffer in bytes.</param>
    /// <param name="context">The context to store in <c>AVFormatContext.pb</c>.</param>
    /// <exception cref="FFmpegException">Out of memory.</exception>
    public static StreamIo CreateWriter(Stream sink, int bufferSize, out AVIOContext* context) =>
        Create(new StreamIo(sink, null), bufferSize, write: true, out context);

    /// <summary>
    /// Creates a read-only, non-seekable context reading <paramref name="source"/> (which must support
    /// <see cref="Stream.ReadTimeout"/>, see the remarks) under <paramref name="interrupt"/>; free it with <see cref="Free"/>.
    /// </summary>
    /// <param name="source">Gives the bytes; <see cref="Stream.Read(Span{byte})"/> returning 0 is the end of the input.</param>
    /// <param name="interrupt">The deadline and cancellation of the format context's current call.</param>
    /// <param name="bufferSize">The AVIO buffer in bytes.</param>
    /// <param name="context">The context to store in <c>AVFormatContext.pb</c> before <c>avformat_open_input</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> cannot be read or cannot time out.</exception>
    /// <exception cref="FFmpegException">Out of memory.</exception>
    public static StreamIo CreateReader(Stream source, InterruptState interrupt, int bufferSize, out AVIOContext* context)
    {
        if (!source.CanRead || !source.CanTimeout)
        {
            throw new ArgumentException("The source must be readable and support ReadTimeout.", nameof(source));
        }

        source.ReadTimeout = PollMilliseconds;
        return Create(new StreamIo(source, interrupt), bufferSize, write: false, out context);
    }

    /// <summary>Frees a context made by <see cref="CreateWriter"/> or <see cref="CreateReader"/>: its buffer (<c>av_freep</c>), the context (<c>avio_context_free</c>) and the handle.</summary>
    public static void Free(AVIOContext* context)
    {
        if (context == null)
        {
            return;
        }

        var opaque = context->opaque;
        AvUtil.av_freep(&context->buffer);
        AvFormat.avio_context_free(&context);
        GCHandle.FromIntPtr((nint)opaque).Free();
    }

    /// <summary>The exception the stream threw during the last call, if any (taken once); also clears <see cref="Aborted"/>.</summary>
    public Exception? TakeError()
    {
        var error = Error;
        Error = null;
        Aborted = false;
        return error;
    }

    private static StreamIo Create(StreamIo io, int bufferSize, bool write, out AVIOContext* context)
    {
        var self = GCHandle.Alloc(io);
        var buffer = (byte*)AvUtil.av_malloc((nuint)bufferSize);
        context = buffer == null ? null
            : write ? AvFormat.avio_alloc_context(buffer, bufferSize, 1, (void*)GCHandle.ToIntPtr(self), null, &OnWrite, null)
            : AvFormat.avio_alloc_context(buffer, bufferSize, 0, (void*)GCHandle.ToIntPtr(self), &OnRead, null, null);
        if (context == null)
        {
            AvUtil.av_freep(&buffer);
            self.Free();
            throw new FFmpegException("avio_alloc_context", ErrorCodes.OutOfMemory);
        }

        return io;
    }

    [UnmanagedCallersOnly]
    private static int OnWrite(void* opaque, byte* buffer, int size)
    {
        var io = (StreamIo)GCHandle.FromIntPtr((nint)opaque).Target!;
        try
        {
            io._stream.Write(new ReadOnlySpan<byte>(buffer, size));
            return size;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or NotSupportedException or InvalidOperationException)
        {
            io.Error = exception;
            return IoError;
        }
    }

    [UnmanagedCallersOnly]
    private static int OnRead(void* opaque, byte* buffer, int size)
    {
        var io = (StreamIo)GCHandle.FromIntPtr((nint)opaque).Target!;
        while (true)
        {
            if (io._interrupt!.ShouldAbort())
            {
                io.Aborted = true;
                return ErrorCodes.Exit;
            }

            try
            {
                var read = io._stream.Read(new Span<byte>(buffer, size));
                return read > 0 ? read : ErrorCodes.EndOfFile;
            }
            catch (TimeoutException)
            {
                // no data within PollMilliseconds: poll the interrupt state and wait again
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or NotSupportedException or InvalidOperationException or InvalidDataException)
            {
                io.Error = exception;
                return IoError;
            }
        }
    }
}
