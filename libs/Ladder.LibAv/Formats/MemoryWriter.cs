using System.Runtime.InteropServices;
using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// A write-only custom <c>AVIOContext</c> (<c>avio_alloc_context</c>) whose <c>write_packet</c> callback copies the
/// muxer's bytes into a managed <see cref="Stream"/>. FFmpeg holds a <see cref="GCHandle"/> to this object as the
/// opaque pointer (the handle keeps it alive; no <see cref="GC.KeepAlive"/> is needed); the callback is a static
/// <see cref="UnmanagedCallersOnlyAttribute"/> method, so no delegate has to be kept alive. The context, its buffer and
/// the handle are freed together by <see cref="Free"/>, which the owning muxer's release function calls, so the
/// callback can never run on a freed handle. An exception from the stream is kept and rethrown by the muxer call that
/// triggered it.
/// </summary>
internal sealed unsafe class MemoryWriter
{
    private const int IoError = -5; // AVERROR(EIO)
    private readonly Stream _sink;

    private MemoryWriter(Stream sink) => _sink = sink;

    private Exception? Error { get; set; }

    /// <summary>Creates the writer and its context (<c>av_malloc</c>, <c>avio_alloc_context</c>); free the context with <see cref="Free"/>.</summary>
    /// <param name="sink">Receives the bytes.</param>
    /// <param name="bufferSize">The AVIO buffer in bytes.</param>
    /// <param name="context">The context to store in <c>AVFormatContext.pb</c>.</param>
    /// <exception cref="FFmpegException">Out of memory.</exception>
    public static MemoryWriter Create(Stream sink, int bufferSize, out AVIOContext* context)
    {
        var writer = new MemoryWriter(sink);
        var self = GCHandle.Alloc(writer);
        var buffer = (byte*)AvUtil.av_malloc((nuint)bufferSize);
        context = buffer == null ? null : AvFormat.avio_alloc_context(buffer, bufferSize, 1, (void*)GCHandle.ToIntPtr(self), null, &OnWrite, null);
        if (context == null)
        {
            AvUtil.av_freep(&buffer);
            self.Free();
            throw new FFmpegException("avio_alloc_context", ErrorCodes.OutOfMemory);
        }

        return writer;
    }

    /// <summary>Frees a context made by <see cref="Create"/>: its buffer (<c>av_freep</c>), the context (<c>avio_context_free</c>) and the writer's handle.</summary>
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

    /// <summary>The exception the sink threw during the last write, if any (taken once).</summary>
    public Exception? TakeError()
    {
        var error = Error;
        Error = null;
        return error;
    }

    [UnmanagedCallersOnly]
    private static int OnWrite(void* opaque, byte* buffer, int size)
    {
        var writer = (MemoryWriter)GCHandle.FromIntPtr((nint)opaque).Target!;
        try
        {
            writer._sink.Write(new ReadOnlySpan<byte>(buffer, size));
            return size;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or NotSupportedException or InvalidOperationException)
        {
            writer.Error = exception;
            return IoError;
        }
    }
}
