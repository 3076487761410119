namespace Ladder.Kubernetes.Models;

/// <summary>
/// A core/v1 Pod, with the fields a controller reads.
/// </summary>
public sealed class Pod : KubernetesObject
{
    /// <summary>The pod spec.</summary>
    public PodSpec? Spec { get; set; }

    /// <summary>The status reported by the kubelet.</summary>
    public PodStatus? Status { get; set; }
}
