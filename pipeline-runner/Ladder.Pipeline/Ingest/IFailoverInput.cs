using Ladder.Api.V1Alpha1;

namespace Ladder.Pipeline.Ingest;

/// <summary>One input as the failover state machine (<see cref="FailoverStateMachine{TInput}"/>) sees it; timestamps come from the machine's <see cref="TimeProvider"/>.</summary>
internal interface IFailoverInput
{
    /// <summary>The input's name in <c>spec.inputs</c>.</summary>
    string Name { get; }

    /// <summary>Position in <c>spec.inputs</c>: 0 is the primary.</summary>
    int Priority { get; }

    /// <summary>Why the input last failed (secrets masked), or null.</summary>
    string? Failure { get; }

    /// <summary>The reason to report when this input stops being healthy: an error, or a timeout.</summary>
    FailoverReason FailureReason { get; }

    /// <summary>Whether the input is healthy at <paramref name="now"/> (a <see cref="TimeProvider.GetTimestamp"/>): open, and its last video packet younger than <paramref name="timeout"/>.</summary>
    bool IsHealthy(long now, TimeSpan timeout);

    /// <summary>How long the input has been healthy without interruption at <paramref name="now"/>; zero when unhealthy.</summary>
    TimeSpan HealthyFor(long now);

    /// <summary>Marks the input unhealthy because its video decodes to no picture, until its sender reconnects.</summary>
    void MarkUndecodable(string message);
}
