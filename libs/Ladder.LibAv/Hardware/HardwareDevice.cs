using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// A hardware device context (libavutil/hwcontext.h <c>AVHWDeviceContext</c> in an <c>AVBufferRef</c>, from
/// <c>av_hwdevice_ctx_create</c>) for CUDA (NVENC/NVDEC), VAAPI or QSV; hand it to <see cref="DecoderOptions.HardwareDevice"/>
/// or build <see cref="HardwareFrames"/> on it for encoders and filters.
/// </summary>
public sealed unsafe class HardwareDevice : IDisposable
{
    private readonly OwnedHandle<AVBufferRef> _handle;

    private HardwareDevice(AVBufferRef* device, string type)
    {
        _handle = new OwnedHandle<AVBufferRef>(device, &BufferRefs.Unref);
        Type = type;
    }

    /// <summary>The device type name ("cuda", "vaapi", "qsv").</summary>
    public string Type { get; }

    /// <summary>The owning handle; native calls hold it with <see cref="OwnedHandle{T}.Acquire"/> for their duration.</summary>
    internal OwnedHandle<AVBufferRef> Handle => _handle;

    /// <summary>Opens a device (<c>av_hwdevice_find_type_by_name</c>, <c>av_hwdevice_ctx_create</c>).</summary>
    /// <param name="type">"cuda", "vaapi", "qsv" (or any name <c>ffmpeg -init_hw_device list</c> shows).</param>
    /// <param name="device">The device to open: a GPU index for cuda ("0"), a DRM render node for vaapi ("/dev/dri/renderD128"); null for the default.</param>
    /// <returns>The open device.</returns>
    /// <exception cref="ArgumentException">FFmpeg knows no device type of that name.</exception>
    /// <exception cref="FFmpegException">The device is missing or unusable (no GPU, no driver, no permission); the message names the type and device.</exception>
    public static HardwareDevice Create(string type, string? device = null)
    {
        var deviceType = AvUtil.av_hwdevice_find_type_by_name(type);
        if (deviceType <= 0)
        {
            throw new ArgumentException($"Unknown hardware device type '{type}'; use cuda, vaapi or qsv.", nameof(type));
        }

        AVBufferRef* context = null;
        var result = AvUtil.av_hwdevice_ctx_create(&context, deviceType, device, null, 0);
        if (result < 0)
        {
            var call = $"av_hwdevice_ctx_create({type}{(device is null ? string.Empty : $", \"{device}\"")})";
            throw new FFmpegException(
                call,
                result,
                $"{call} failed: {FFmpegException.ErrorText(result)} ({result}). No usable {type} device{(device is null ? string.Empty : $" '{device}'")}: "
                + $"check that the GPU is present, its driver ({DriverHint(type)}) is installed and this process may open it.");
        }

        return new HardwareDevice(context, type);
    }

    /// <summary>Releases this reference to the device (<c>av_buffer_unref</c>); decoders and frames holding their own references keep it alive.</summary>
    public void Dispose() => _handle.Dispose();

    private static string DriverHint(string type) => type switch
    {
        "cuda" => "the NVIDIA driver with libcuda.so.1",
        "vaapi" => "a VA-API driver and a /dev/dri render node",
        "qsv" => "the Intel media driver and oneVPL/libmfx runtime",
        _ => "the vendor driver",
    };
}
