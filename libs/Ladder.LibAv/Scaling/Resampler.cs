using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// Converts audio between sample rates, sample formats and channel layouts (libswresample <c>SwrContext</c> from
/// <c>swr_alloc_set_opts2</c> with FFmpeg 5.1's <c>AVChannelLayout</c>, run with <c>swr_convert_frame</c>).
/// </summary>
public sealed unsafe class Resampler : IDisposable
{
    private readonly OwnedHandle<SwrContext> _handle;

    /// <summary>Creates and initialises a resampler (<c>swr_alloc_set_opts2</c>, <c>swr_init</c>).</summary>
    /// <param name="sourceLayout">Input channel layout.</param>
    /// <param name="sourceFormat">Input sample format.</param>
    /// <param name="sourceRate">Input sample rate in Hz.</param>
    /// <param name="layout">Output channel layout.</param>
    /// <param name="format">Output sample format.</param>
    /// <param name="rate">Output sample rate in Hz.</param>
    /// <exception cref="FFmpegException">The conversion is not supported.</exception>
    public Resampler(ChannelLayout sourceLayout, SampleFormat sourceFormat, int sourceRate, ChannelLayout layout, SampleFormat format, int rate)
    {
        SwrContext* context = null;
        var input = sourceLayout.ToNative();
        var output = layout.ToNative();
        SwResample.swr_alloc_set_opts2(&context, &output, format.Value, rate, &input, sourceFormat.Value, sourceRate, 0, null)
            .ThrowIfError("swr_alloc_set_opts2");
        _handle = new OwnedHandle<SwrContext>(context, &Free);
        var call = $"swr_init({sourceLayout} {sourceFormat} {sourceRate} Hz -> {layout} {format} {rate} Hz)";
        try
        {
            SwResample.swr_init(context).ThrowIfError(call);
        }
        catch
        {
            _handle.Dispose();
            throw;
        }

        Layout = layout;
        Format = format;
        Rate = rate;
    }

    /// <summary>Output channel layout.</summary>
    public ChannelLayout Layout { get; }

    /// <summary>Output sample format.</summary>
    public SampleFormat Format { get; }

    /// <summary>Output sample rate in Hz.</summary>
    public int Rate { get; }

    /// <summary>Samples buffered inside the resampler, in output-rate samples (<c>swr_get_delay</c>).</summary>
    public long Delay { get { using var context = _handle.Acquire(); return SwResample.swr_get_delay(context.Pointer, Rate); } }

    /// <summary>
    /// Converts <paramref name="source"/> (null drains the buffered samples) into <paramref name="destination"/>, which is
    /// unreferenced and gets new buffers sized for the output (<c>swr_convert_frame</c>). <see cref="Frame.SampleCount"/>
    /// tells how many samples came out (possibly 0 while the filter fills).
    /// </summary>
    /// <param name="source">A frame in the input layout, format and rate, or null to flush.</param>
    /// <param name="destination">The frame to fill.</param>
    /// <exception cref="FFmpegException">The source does not match the configured input or conversion failed.</exception>
    public void Convert(Frame? source, Frame destination)
    {
        destination.Unref();
        destination.ChannelLayout = Layout;
        destination.SampleFormat = Format;
        destination.SampleRate = Rate;
        using var context = _handle.Acquire();
        using var output = destination.Handle.Acquire();
        using var input = OwnedHandle<AVFrame>.AcquireOrNull(source?.Handle);
        SwResample.swr_convert_frame(context.Pointer, output.Pointer, input.Pointer).ThrowIfError("swr_convert_frame");
    }

    /// <summary>Frees the resampler (<c>swr_free</c>).</summary>
    public void Dispose() => _handle.Dispose();

    private static void Free(SwrContext* context) => SwResample.swr_free(&context);
}
