using System.Text.Json.Serialization;

namespace Ladder.Api.V1Alpha1;

/// <summary>Audio codec.</summary>
[JsonConverter(typeof(WireEnumConverter<AudioCodec>))]
public enum AudioCodec
{
    /// <summary>AAC-LC.</summary>
    [JsonStringEnumMemberName("aac")] Aac,

    /// <summary>Opus (48 kHz only).</summary>
    [JsonStringEnumMemberName("opus")] Opus,
}
