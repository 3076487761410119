namespace Ladder.ControllerRuntime.LeaderElection;

/// <summary>
/// Leadership was lost: the Lease could not be renewed within the renew deadline and the controllers were stopped.
/// As with controller-runtime (<c>leader election lost</c>), the process is expected to exit so the pod restarts and
/// rejoins the election as a candidate with fresh caches.
/// </summary>
public sealed class LeaderElectionLostException : Exception
{
    /// <summary>Creates the exception for <paramref name="identity"/> losing <paramref name="lease"/> (<c>namespace/name</c>).</summary>
    public LeaderElectionLostException(string lease, string identity)
        : base($"Leader election lost: {identity} could not renew Lease {lease} within the renew deadline, so its controllers were stopped. " +
            "Exit the process (non-zero) so the pod restarts and rejoins the election, as controller-runtime does.")
    {
        Lease = lease;
        Identity = identity;
    }

    /// <summary>The Lease, as <c>namespace/name</c>.</summary>
    public string Lease { get; }

    /// <summary>The identity that held it.</summary>
    public string Identity { get; }
}
