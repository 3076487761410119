using Ladder.Api.V1Alpha1;
using Ladder.LibAv;

namespace Ladder.Pipeline.Video;

/// <summary>
/// The pipeline's one hardware device (<c>spec.video.hardware</c>), opened on first use by the first rendition that
/// needs it (<see cref="HardwareDevice.Create"/>) and shared by all; disposed with the pipeline. When the device cannot
/// be opened every rendition fails with the same message naming the profile field, the device type and FFmpeg's reason.
/// </summary>
internal sealed class HardwareContext(HardwareAcceleration hardware) : IDisposable
{
    private readonly Lock _lock = new();
    private HardwareDevice? _device;
    private string? _error;

    /// <summary>The requested acceleration.</summary>
    public HardwareAcceleration Hardware { get; } = hardware;

    /// <summary>The FFmpeg device type for <see cref="Hardware"/>: cuda, vaapi or qsv.</summary>
    public string DeviceType => Hardware switch
    {
        HardwareAcceleration.Nvidia => "cuda",
        HardwareAcceleration.Vaapi => "vaapi",
        HardwareAcceleration.Qsv => "qsv",
        _ => throw new InvalidOperationException("spec.video.hardware is none; no device is needed."),
    };

    /// <summary>The surface format encoders read: CUDA, VAAPI or QSV.</summary>
    public PixelFormat SurfaceFormat => Hardware switch
    {
        HardwareAcceleration.Nvidia => PixelFormat.Cuda,
        HardwareAcceleration.Vaapi => PixelFormat.Vaapi,
        _ => PixelFormat.Qsv,
    };

    /// <summary>The device, opened once.</summary>
    /// <exception cref="InvalidOperationException">The device is missing: <c>spec.video.hardware: nvidia requested but no CUDA device could be opened: ...</c>.</exception>
    public HardwareDevice GetDevice()
    {
        lock (_lock)
        {
            if (_device is not null)
            {
                return _device;
            }

            if (_error is null)
            {
                try
                {
                    _device = HardwareDevice.Create(DeviceType);
                    return _device;
                }
                catch (Exception error) when (error is FFmpegException or ArgumentException)
                {
                    _error = $"spec.video.hardware: {Hardware.ToString().ToLowerInvariant()} requested but no {DeviceType.ToUpperInvariant()} device could be opened: {error.Message}";
                }
            }

            throw new InvalidOperationException(_error);
        }
    }

    /// <summary>Releases the pipeline's reference to the device.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _device?.Dispose();
            _device = null;
        }
    }
}
