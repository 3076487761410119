namespace Ladder.Kubernetes.Models;

/// <summary>
/// A core/v1 Namespace. Its spec (finalizers) and status (phase) are kept in <see cref="KubernetesObject.ExtensionData"/>.
/// </summary>
public sealed class Namespace : KubernetesObject
{
}
