using Ladder.Kubernetes.Models;

namespace Ladder.E2E;

/// <summary>The test CRD's Widget (<see cref="WidgetCrd"/>), shaped like the fixtures' example.com Widget.</summary>
public sealed class Widget : KubernetesObject
{
    public WidgetSpec? Spec { get; set; }

    public WidgetStatus? Status { get; set; }
}
