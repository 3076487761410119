namespace Ladder.ControllerRuntime.LeaderElection;

/// <summary>What a <see cref="LeaderElector"/> calls as leadership changes (client-go <c>LeaderCallbacks</c>).</summary>
public sealed class LeaderElectionCallbacks
{
    /// <summary>
    /// Runs the work that needs leadership, started once the Lease is acquired. Its token is cancelled when
    /// leadership ends (renewal failed within the renew deadline, or the run was cancelled); the elector waits for
    /// the returned task before it releases the Lease and returns. If it throws, leadership is given up and
    /// <see cref="LeaderElector.RunAsync"/> rethrows.
    /// </summary>
    public required Func<CancellationToken, Task> OnStartedLeading { get; init; }

    /// <summary>
    /// Called once after leading ended and the leading work has finished. Unlike client-go, it is not called when
    /// this instance never led.
    /// </summary>
    public Action? OnStoppedLeading { get; init; }

    /// <summary>
    /// Called with the holder's identity whenever the observed holder changes, including to this instance
    /// (client-go <c>OnNewLeader</c>); not called for an empty holder (a released Lease).
    /// </summary>
    public Action<string>? OnNewLeader { get; init; }
}
