namespace Ladder.Kubernetes.Models;

/// <summary>
/// An apps/v1 Deployment.
/// </summary>
public sealed class Deployment : KubernetesObject
{
    /// <summary>The desired state.</summary>
    public DeploymentSpec? Spec { get; set; }

    /// <summary>The state observed by the deployment controller.</summary>
    public DeploymentStatus? Status { get; set; }
}
