using System.Runtime.InteropServices;
using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// A write-only custom <c>AVIOContext</c> (<c>avio_alloc_context</c>) whose <c>write_packet</c> callback copies the
/// muxer's bytes into a managed <see cref="Stream"/>. FFmpeg holds a <see cref="GCHandle"/> to this object as the
/// opaque pointer; the callback is a static <see cref="UnmanagedCallersOnlyAttribute"/> method, so no delegate has to
/// be kept alive. An exception from the stream is kept and rethrown by the muxer call that triggered it.
/// </summary>
internal sealed unsafe class MemoryWriter : IDisposable
{
    private const int IoError = -5; // AVERROR(EIO)
    private readonly Stream _sink;
    private GCHandle _self;
    private AVIOContext* _context;

    public MemoryWriter(Stream sink, int bufferSize)
    {
        _sink = sink;
        _self = GCHandle.Alloc(this);
        var buffer = (byte*)ErrorCodeExtensions.ThrowIfNull((byte*)AvUtil.av_malloc((nuint)bufferSize), "av_malloc");
        _context = AvFormat.avio_alloc_context(buffer, bufferSize, 1, (void*)GCHandle.ToIntPtr(_self), null, &OnWrite, null);
        if (_context == null)
        {
            AvUtil.av_freep(&buffer);
            _self.Free();
            throw new FFmpegException("avio_alloc_context", ErrorCodes.OutOfMemory);
        }
    }

    /// <summary>The context to store in <c>AVFormatContext.pb</c>.</summary>
    public AVIOContext* Context => _context;

    /// <summary>The exception the sink threw during the last write, if any (taken once).</summary>
    public Exception? TakeError()
    {
        var error = Error;
        Error = null;
        return error;
    }

    private Exception? Error { get; set; }

    public void Dispose()
    {
        if (_context != null)
        {
            AvUtil.av_freep(&_context->buffer);
            var context = _context;
            AvFormat.avio_context_free(&context);
            _context = null;
        }

        if (_self.IsAllocated)
        {
            _self.Free();
        }
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
