using System.Text.Json.Serialization;

namespace Ladder.Api.V1Alpha1;

/// <summary>Codec profile of a rendition.</summary>
[JsonConverter(typeof(WireEnumConverter<VideoProfile>))]
public enum VideoProfile
{
    /// <summary>H.264 Constrained Baseline (no B-frames): old phones, lowest decode cost.</summary>
    [JsonStringEnumMemberName("baseline")] Baseline,

    /// <summary>H.264 Main, or HEVC Main (8-bit).</summary>
    [JsonStringEnumMemberName("main")] Main,

    /// <summary>H.264 High.</summary>
    [JsonStringEnumMemberName("high")] High,

    /// <summary>HEVC Main 10 (10-bit).</summary>
    [JsonStringEnumMemberName("main10")] Main10,
}
