using System.Globalization;
using Ladder.Api.Pipeline;
using Ladder.Api.V1Alpha1;

namespace Ladder.Operator.Builders;

/// <summary>
/// The CPU and memory a runner needs to keep its ladder in real time, for a stream without
/// <c>spec.runner.resources</c>: a pure function of the resolved <see cref="PipelineVideo"/>. CPU is the pixel rate each
/// encoded rendition produces (width x height x fps, 30 fps where the rendition keeps the source's) times a cost per
/// megapixel per second for its encoder and preset, plus decoding the source once (sized as the top rendition) and a
/// fixed share for audio, packaging and the origin. Memory is a base plus a per-pixel allowance per encoded rendition
/// (frame pools, encoder lookahead and reference frames).
/// </summary>
/// <remarks>
/// Measured with the ffmpeg CLI (FFmpeg 5.1, libx264 163, libx265 3.5) on the Big Buck Bunny 1080p24 clip, CPU seconds
/// per megapixel of output: libx264 veryfast 0.0237 (one 720p rung and a 1080p/720p/480p/360p ladder agree), and
/// relative to it ultrafast 0.22, superfast 0.52, faster 1.48, fast 1.81, medium 2.11; libx265 veryfast 2.94, medium
/// 4.74; slower presets are extrapolated. Decoding H.264 1080p costs 0.0035 CPU seconds per megapixel. Hardware
/// encoders (nvenc, vaapi, qsv) leave the CPU scaling and feeding frames, taken as 15 % of the software cost (not
/// measured here: no encoder GPU was available). A 4-rung 1080p24 x264 veryfast ladder comes to about 2.4 cores and
/// 576 MiB; the runner's peak RSS on that ladder in <c>make bench</c> is 576 MiB.
/// </remarks>
internal static class RunnerResourceEstimate
{
    /// <summary>CPU seconds per megapixel encoded by libx264 at preset veryfast.</summary>
    public const double X264VeryfastCpuPerMegapixel = 0.0237;

    /// <summary>CPU seconds per megapixel decoded (H.264, the usual contribution codec).</summary>
    public const double DecodeCpuPerMegapixel = 0.0035;

    /// <summary>Cores for audio, packaging, the origin and the runtime, whatever the ladder.</summary>
    public const double BaseCores = 0.1;

    /// <summary>Memory of a runner with no video (the .NET runtime, FFmpeg, the segment window), in bytes.</summary>
    public const long BaseMemoryBytes = 192L << 20;

    /// <summary>Bytes per pixel of one encoded rendition: about 64 frames of 1.5 bytes per pixel (YUV 4:2:0).</summary>
    public const int MemoryBytesPerPixel = 96;

    /// <summary>The frame rate assumed for a rendition that keeps the source's.</summary>
    public const double AssumedSourceFps = 30;

    private const double HardwareShare = 0.15;

    private static readonly Dictionary<string, double> X264Presets = new(StringComparer.Ordinal)
    {
        ["ultrafast"] = 0.22,
        ["superfast"] = 0.52,
        ["veryfast"] = 1.0,
        ["faster"] = 1.48,
        ["fast"] = 1.81,
        ["medium"] = 2.11,
        ["slow"] = 3.0,
        ["slower"] = 6.0,
        ["veryslow"] = 10.0,
        ["placebo"] = 20.0,
    };

    private static readonly Dictionary<string, double> X265Presets = new(StringComparer.Ordinal)
    {
        ["ultrafast"] = 1.0,
        ["superfast"] = 1.5,
        ["veryfast"] = 2.94,
        ["faster"] = 3.5,
        ["fast"] = 4.0,
        ["medium"] = 4.74,
        ["slow"] = 9.0,
        ["slower"] = 20.0,
        ["veryslow"] = 40.0,
        ["placebo"] = 80.0,
    };

    /// <summary>The CPU request in millicores and the memory request in bytes.</summary>
    public static (long Millicores, long MemoryBytes) For(PipelineVideo video)
    {
        var encoded = video.Renditions.Where(r => !r.Passthrough && r.Width is not null && r.Height is not null).ToList();
        var cost = CostPerMegapixel(video);
        var cores = BaseCores;
        var memory = BaseMemoryBytes;
        var topPixelRate = 0.0;
        foreach (var rendition in encoded)
        {
            var pixels = (double)rendition.Width!.Value * rendition.Height!.Value;
            var pixelRate = pixels * (rendition.Fps ?? AssumedSourceFps) / 1e6;
            cores += pixelRate * cost;
            memory += (long)(pixels * MemoryBytesPerPixel);
            topPixelRate = Math.Max(topPixelRate, pixelRate);
        }

        cores += topPixelRate * DecodeCpuPerMegapixel;
        return ((long)Math.Ceiling(cores * 10) * 100, RoundUp(memory, 64L << 20));
    }

    /// <summary>The estimate as Kubernetes quantities (<c>2400m</c>, <c>576Mi</c>), with a memory limit of 1.5x the request.</summary>
    public static (string Cpu, string Memory, string MemoryLimit) Quantities(PipelineVideo video)
    {
        var (millicores, memory) = For(video);
        return (millicores.ToString(CultureInfo.InvariantCulture) + "m", Mebibytes(memory), Mebibytes(RoundUp(memory * 3 / 2, 64L << 20)));
    }

    private static double CostPerMegapixel(PipelineVideo video)
    {
        var presets = video.Codec == VideoCodec.Hevc ? X265Presets : X264Presets;
        var factor = presets.GetValueOrDefault(video.Preset ?? "veryfast", presets["veryfast"]);
        var software = X264VeryfastCpuPerMegapixel * factor;
        return video.Hardware == HardwareAcceleration.None ? software : software * HardwareShare;
    }

    private static long RoundUp(long value, long step) => (value + step - 1) / step * step;

    private static string Mebibytes(long bytes) => (bytes >> 20).ToString(CultureInfo.InvariantCulture) + "Mi";
}
