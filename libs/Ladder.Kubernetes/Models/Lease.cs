namespace Ladder.Kubernetes.Models;

/// <summary>
/// A coordination.k8s.io/v1 Lease, the lock used for leader election.
/// </summary>
public sealed class Lease : KubernetesObject
{
    /// <summary>The holder and the timing of the lease.</summary>
    public LeaseSpec? Spec { get; set; }
}
