using System.Text.Json.Serialization;

namespace Ladder.Api.V1Alpha1;

/// <summary>Video codec of the encoded renditions.</summary>
[JsonConverter(typeof(WireEnumConverter<VideoCodec>))]
public enum VideoCodec
{
    /// <summary>H.264 / AVC.</summary>
    [JsonStringEnumMemberName("h264")] H264,

    /// <summary>H.265 / HEVC.</summary>
    [JsonStringEnumMemberName("hevc")] Hevc,
}
