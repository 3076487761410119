using k8s;
using k8s.Models;

namespace Ladder.E2E;

/// <summary>
/// The test CRD's Widget (<see cref="WidgetCrd"/>), shaped like the fixtures' example.com Widget. No
/// <c>[KubernetesEntity]</c>: its group is per run, so its calls take a <see cref="ControllerRuntime.Cache.ResourceKind"/>.
/// </summary>
public sealed class Widget : IKubernetesObject<V1ObjectMeta>
{
    /// <summary><c>{group}/v1alpha1</c>; a custom resource must carry it (the server does not default it from the URL).</summary>
    public string? ApiVersion { get; set; }

    /// <summary><c>Widget</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>Name, namespace, labels, finalizers and the rest.</summary>
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired widget.</summary>
    public WidgetSpec? Spec { get; set; }

    /// <summary>What was observed (the status subresource).</summary>
    public WidgetStatus? Status { get; set; }
}
