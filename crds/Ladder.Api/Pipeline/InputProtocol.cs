using System.Text.Json.Serialization;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Pipeline;

/// <summary>Input protocol, derived from the URL scheme.</summary>
[JsonConverter(typeof(WireEnumConverter<InputProtocol>))]
public enum InputProtocol
{
    /// <summary>RTMP.</summary>
    [JsonStringEnumMemberName("rtmp")] Rtmp,

    /// <summary>SRT.</summary>
    [JsonStringEnumMemberName("srt")] Srt,

    /// <summary>RTSP.</summary>
    [JsonStringEnumMemberName("rtsp")] Rtsp,

    /// <summary>HLS over http or https.</summary>
    [JsonStringEnumMemberName("hls")] Hls,

    /// <summary>MPEG-TS over UDP (unicast or multicast).</summary>
    [JsonStringEnumMemberName("udp")] Udp,

    /// <summary>A local file, read in real time.</summary>
    [JsonStringEnumMemberName("file")] File,
}
