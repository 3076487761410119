namespace Ladder.Kubernetes.Models;

/// <summary>
/// An apiextensions.k8s.io/v1 CustomResourceDefinition: enough to create one and wait for it to be Established.
/// </summary>
public sealed class CustomResourceDefinition : KubernetesObject
{
    /// <summary>The group, names, scope and versions.</summary>
    public CustomResourceDefinitionSpec? Spec { get; set; }

    /// <summary>Accepted names, stored versions and the <c>NamesAccepted</c>/<c>Established</c> conditions.</summary>
    public CustomResourceDefinitionStatus? Status { get; set; }
}
