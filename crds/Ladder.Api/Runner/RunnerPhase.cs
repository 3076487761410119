using System.Text.Json.Serialization;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Runner;

/// <summary>Where the runner's pipeline is in its life (<see cref="RunnerStatus.Phase"/>); lower-case on the wire.</summary>
[JsonConverter(typeof(WireEnumConverter<RunnerPhase>))]
public enum RunnerPhase
{
    /// <summary>The process is up; the pipeline has not started yet.</summary>
    [JsonStringEnumMemberName("starting")] Starting,

    /// <summary>The pipeline runs (inputs may still be connecting: see <see cref="RunnerStatus.Inputs"/>).</summary>
    [JsonStringEnumMemberName("running")] Running,

    /// <summary>A <c>PUT /v1/pipeline</c> is being applied.</summary>
    [JsonStringEnumMemberName("reloading")] Reloading,

    /// <summary>The pipeline could not start or stopped on an error; <see cref="RunnerStatus.LastError"/> says why.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Shutdown was requested; the pipeline drains.</summary>
    [JsonStringEnumMemberName("stopping")] Stopping,

    /// <summary>The pipeline stopped (e.g. a paused spec).</summary>
    [JsonStringEnumMemberName("stopped")] Stopped,
}
