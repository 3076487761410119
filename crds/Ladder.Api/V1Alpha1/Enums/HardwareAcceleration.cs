using System.Text.Json.Serialization;

namespace Ladder.Api.V1Alpha1;

/// <summary>Where video is decoded, scaled and encoded.</summary>
[JsonConverter(typeof(WireEnumConverter<HardwareAcceleration>))]
public enum HardwareAcceleration
{
    /// <summary>Software (libx264 / libx265).</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>NVIDIA NVDEC/NVENC (h264_nvenc / hevc_nvenc); the runner pod needs an <c>nvidia.com/gpu</c>.</summary>
    [JsonStringEnumMemberName("nvidia")] Nvidia,

    /// <summary>VA-API (h264_vaapi / hevc_vaapi) on Intel or AMD GPUs through <c>/dev/dri</c>.</summary>
    [JsonStringEnumMemberName("vaapi")] Vaapi,

    /// <summary>Intel Quick Sync (h264_qsv / hevc_qsv).</summary>
    [JsonStringEnumMemberName("qsv")] Qsv,
}
