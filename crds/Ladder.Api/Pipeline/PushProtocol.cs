using System.Text.Json.Serialization;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Pipeline;

/// <summary>Push target protocol.</summary>
[JsonConverter(typeof(WireEnumConverter<PushProtocol>))]
public enum PushProtocol
{
    /// <summary>RTMP.</summary>
    [JsonStringEnumMemberName("rtmp")] Rtmp,

    /// <summary>RTMP over TLS.</summary>
    [JsonStringEnumMemberName("rtmps")] Rtmps,

    /// <summary>SRT caller.</summary>
    [JsonStringEnumMemberName("srt")] Srt,

    /// <summary>MPEG-TS over plain UDP, unicast or multicast.</summary>
    [JsonStringEnumMemberName("udp")] Udp,
}
