using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// Converts video frames between sizes and pixel formats in software (libswscale <c>SwsContext</c> from
/// <c>sws_getContext</c>, run with <c>sws_scale_frame</c>, freed by <c>sws_freeContext</c>).
/// </summary>
public sealed unsafe class Scaler : IDisposable
{
    private readonly OwnedHandle<SwsContext> _handle;

    /// <summary>Creates a scaler for one fixed input and output geometry.</summary>
    /// <param name="sourceWidth">Input width in pixels.</param>
    /// <param name="sourceHeight">Input height in pixels.</param>
    /// <param name="sourceFormat">Input pixel format.</param>
    /// <param name="width">Output width in pixels.</param>
    /// <param name="height">Output height in pixels.</param>
    /// <param name="format">Output pixel format.</param>
    /// <param name="algorithm">Interpolation.</param>
    /// <exception cref="ArgumentException">swscale does not support the sizes or formats.</exception>
    public Scaler(int sourceWidth, int sourceHeight, PixelFormat sourceFormat, int width, int height, PixelFormat format, ScalingAlgorithm algorithm = ScalingAlgorithm.Bicubic)
    {
        var context = SwScale.sws_getContext(sourceWidth, sourceHeight, sourceFormat.Value, width, height, format.Value, (int)algorithm, null, null, null);
        if (context == null)
        {
            throw new ArgumentException($"sws_getContext cannot convert {sourceWidth}x{sourceHeight} {sourceFormat} to {width}x{height} {format}.");
        }

        _handle = new OwnedHandle<SwsContext>(context, &SwScale.sws_freeContext);
        Width = width;
        Height = height;
        Format = format;
    }

    /// <summary>Output width in pixels.</summary>
    public int Width { get; }

    /// <summary>Output height in pixels.</summary>
    public int Height { get; }

    /// <summary>Output pixel format.</summary>
    public PixelFormat Format { get; }

    /// <summary>
    /// Scales <paramref name="source"/> into <paramref name="destination"/>, which is unreferenced and gets new buffers
    /// (<c>sws_scale_frame</c>); PTS and duration are carried over.
    /// </summary>
    /// <param name="source">A frame of the input geometry.</param>
    /// <param name="destination">The frame to fill.</param>
    /// <exception cref="FFmpegException">Scaling failed (e.g. the source does not match the input geometry).</exception>
    public void Scale(Frame source, Frame destination)
    {
        destination.Unref();
        destination.Width = Width;
        destination.Height = Height;
        destination.PixelFormat = Format;
        using var context = _handle.Acquire();
        using var output = destination.Handle.Acquire();
        using var input = source.Handle.Acquire();
        SwScale.sws_scale_frame(context.Pointer, output.Pointer, input.Pointer).ThrowIfError("sws_scale_frame");
        output.Pointer->pts = input.Pointer->pts;
        output.Pointer->pkt_duration = input.Pointer->pkt_duration;
    }

    /// <summary>Frees the scaler (<c>sws_freeContext</c>).</summary>
    public void Dispose() => _handle.Dispose();
}
