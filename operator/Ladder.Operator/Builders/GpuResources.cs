using Ladder.Api.V1Alpha1;

namespace Ladder.Operator.Builders;

/// <summary>
/// The device-plugin resource a profile's hardware acceleration needs: <c>nvidia</c> → <c>nvidia.com/gpu</c> (NVIDIA
/// device plugin), <c>qsv</c> and <c>vaapi</c> → <c>gpu.intel.com/i915</c> (Intel GPU device plugin, which also mounts
/// <c>/dev/dri</c>); software encoding needs none. One device per runner.
/// </summary>
internal static class GpuResources
{
    /// <summary>NVIDIA's extended resource name.</summary>
    public const string Nvidia = "nvidia.com/gpu";

    /// <summary>Intel's extended resource name.</summary>
    public const string Intel = "gpu.intel.com/i915";

    /// <summary>The resource name for <paramref name="hardware"/>, or null for software encoding.</summary>
    public static string? For(HardwareAcceleration hardware) => hardware switch
    {
        HardwareAcceleration.Nvidia => Nvidia,
        HardwareAcceleration.Qsv or HardwareAcceleration.Vaapi => Intel,
        _ => null,
    };
}
