using System.Text.Json.Serialization;

namespace Ladder.Api.V1Alpha1;

/// <summary>Lifecycle phase of a LiveStream.</summary>
[JsonConverter(typeof(WireEnumConverter<LiveStreamPhase>))]
public enum LiveStreamPhase
{
    /// <summary>Accepted; waiting for its profile, template, secrets or a runner pod.</summary>
    [JsonStringEnumMemberName("Pending")] Pending,

    /// <summary>The runner is starting or waiting for the first input.</summary>
    [JsonStringEnumMemberName("Starting")] Starting,

    /// <summary>Publishing from the primary (highest-priority healthy) input.</summary>
    [JsonStringEnumMemberName("Live")] Live,

    /// <summary>Publishing, but from a backup input or with an output failing.</summary>
    [JsonStringEnumMemberName("Degraded")] Degraded,

    /// <summary>Not publishing: the spec cannot be resolved or the runner keeps failing.</summary>
    [JsonStringEnumMemberName("Failed")] Failed,

    /// <summary><c>spec.paused</c> is true: no runner pod.</summary>
    [JsonStringEnumMemberName("Paused")] Paused,
}
