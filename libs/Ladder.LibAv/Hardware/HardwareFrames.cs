using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// A pool of hardware surfaces on a <see cref="HardwareDevice"/> (libavutil/hwcontext.h <c>AVHWFramesContext</c>,
/// from <c>av_hwframe_ctx_alloc</c> + <c>av_hwframe_ctx_init</c>): what hardware encoders read
/// (<see cref="VideoEncoderSettings.HardwareFrames"/>) and where uploads go (<see cref="Frame.TransferDataTo"/>).
/// </summary>
public sealed unsafe class HardwareFrames : IDisposable
{
    private readonly OwnedHandle<AVBufferRef> _handle;

    private HardwareFrames(AVBufferRef* frames) => _handle = new OwnedHandle<AVBufferRef>(frames, &BufferRefs.Unref);

    /// <summary>The owning handle; native calls hold it with <see cref="OwnedHandle{T}.Acquire"/> for their duration.</summary>
    internal OwnedHandle<AVBufferRef> Handle => _handle;

    /// <summary>Creates and initialises a surface pool.</summary>
    /// <param name="device">The device.</param>
    /// <param name="hardwareFormat">The surface format, e.g. <see cref="PixelFormat.Cuda"/>, <see cref="PixelFormat.Vaapi"/>.</param>
    /// <param name="softwareFormat">The pixel layout inside the surfaces, e.g. <see cref="PixelFormat.Nv12"/>.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="initialPoolSize">Surfaces to preallocate (some APIs, such as VAAPI encoders, need a fixed pool).</param>
    /// <returns>The pool.</returns>
    /// <exception cref="FFmpegException">The device cannot create such surfaces.</exception>
    public static HardwareFrames Create(HardwareDevice device, PixelFormat hardwareFormat, PixelFormat softwareFormat, int width, int height, int initialPoolSize = 20)
    {
        AVBufferRef* buffer;
        using (var deviceBuffer = device.Handle.Acquire())
        {
            buffer = ErrorCodeExtensions.ThrowIfNull(AvUtil.av_hwframe_ctx_alloc(deviceBuffer.Pointer), $"av_hwframe_ctx_alloc({device.Type})");
        }

        var frames = new HardwareFrames(buffer);
        try
        {
            var context = (AVHWFramesContext*)buffer->data;
            context->format = hardwareFormat.Value;
            context->sw_format = softwareFormat.Value;
            context->width = width;
            context->height = height;
            context->initial_pool_size = initialPoolSize;
            AvUtil.av_hwframe_ctx_init(buffer).ThrowIfError($"av_hwframe_ctx_init({device.Type}, {softwareFormat} {width}x{height})");
            return frames;
        }
        catch
        {
            frames.Dispose();
            throw;
        }
    }

    /// <summary>Takes a surface from the pool into <paramref name="frame"/> (<c>av_hwframe_get_buffer</c>).</summary>
    /// <param name="frame">An empty frame.</param>
    /// <exception cref="FFmpegException">The pool is exhausted or allocation failed.</exception>
    public void GetBuffer(Frame frame)
    {
        using var pool = _handle.Acquire();
        using var output = frame.Handle.Acquire();
        AvUtil.av_frame_unref(output.Pointer);
        AvUtil.av_hwframe_get_buffer(pool.Pointer, output.Pointer, 0).ThrowIfError("av_hwframe_get_buffer");
    }

    /// <summary>Releases this reference to the pool (<c>av_buffer_unref</c>).</summary>
    public void Dispose() => _handle.Dispose();
}
