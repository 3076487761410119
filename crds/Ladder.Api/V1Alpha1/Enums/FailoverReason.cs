using System.Text.Json.Serialization;

namespace Ladder.Api.V1Alpha1;

/// <summary>Why the runner switched inputs.</summary>
[JsonConverter(typeof(WireEnumConverter<FailoverReason>))]
public enum FailoverReason
{
    /// <summary>No packets from the active input within <c>failover.inputTimeout</c>.</summary>
    [JsonStringEnumMemberName("timeout")] Timeout,

    /// <summary>The active input failed (connection closed, demux or decode error).</summary>
    [JsonStringEnumMemberName("error")] Error,

    /// <summary>Requested by an operator.</summary>
    [JsonStringEnumMemberName("manual")] Manual,

    /// <summary>A higher-priority input was healthy for <c>failover.failbackDelay</c>.</summary>
    [JsonStringEnumMemberName("failback")] Failback,
}
