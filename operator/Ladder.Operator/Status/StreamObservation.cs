using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;

namespace Ladder.Operator.Status;

/// <summary>
/// What one reconcile found out about a stream, the input of <see cref="StatusMapper"/>: exactly one of
/// <see cref="Stall"/>, <see cref="Paused"/>, or the runner's answer (<see cref="Runner"/>, or <see cref="RunnerProblem"/>
/// when it could not be asked).
/// </summary>
internal sealed record StreamObservation
{
    /// <summary>The LiveStream's <c>metadata.generation</c> this reconcile read.</summary>
    public required long Generation { get; init; }

    /// <summary>Set when the spec cannot be resolved; nothing else applies then.</summary>
    public Stall? Stall { get; init; }

    /// <summary>True when <c>spec.paused</c> is set and the runner is scaled to zero.</summary>
    public bool Paused { get; init; }

    /// <summary>The PipelineSpec generation the runner should execute.</summary>
    public long DesiredPipelineGeneration { get; init; }

    /// <summary>The runner's <c>/v1/status</c>, or null when it could not be read.</summary>
    public RunnerStatus? Runner { get; init; }

    /// <summary>Why the runner could not be read (starting, unreachable), without secrets; null when it was.</summary>
    public string? RunnerProblem { get; init; }

    /// <summary>What the runner pod says (<see cref="RunnerPodDiagnosis"/>) when the runner could not be read; null without a pod.</summary>
    public RunnerPodState? Pod { get; init; }

    /// <summary>The playback and ingest URLs through the stream's Service; null to keep the current ones.</summary>
    public StreamEndpoints? Endpoints { get; init; }
}
