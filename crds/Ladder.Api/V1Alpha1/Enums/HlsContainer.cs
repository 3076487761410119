using System.Text.Json.Serialization;

namespace Ladder.Api.V1Alpha1;

/// <summary>Container of HLS media segments.</summary>
[JsonConverter(typeof(WireEnumConverter<HlsContainer>))]
public enum HlsContainer
{
    /// <summary>Fragmented MP4 (CMAF): the same segments serve DASH.</summary>
    [JsonStringEnumMemberName("fmp4")] Fmp4,

    /// <summary>MPEG-2 transport stream, for old players.</summary>
    [JsonStringEnumMemberName("ts")] Ts,
}
