using System.Text.Json.Serialization;

namespace Ladder.Api.V1Alpha1;

/// <summary>Whether the runner connects to the source or waits for it.</summary>
[JsonConverter(typeof(WireEnumConverter<InputMode>))]
public enum InputMode
{
    /// <summary>The runner connects to the URL and reads (RTMP/SRT caller, RTSP, HLS, multicast UDP, file).</summary>
    [JsonStringEnumMemberName("pull")] Pull,

    /// <summary>The runner listens on the URL's port and the encoder pushes to it (RTMP server, SRT listener, unicast UDP).</summary>
    [JsonStringEnumMemberName("listen")] Listen,
}
