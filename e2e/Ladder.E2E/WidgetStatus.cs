using k8s.Models;

namespace Ladder.E2E;

/// <summary>A Widget's status subresource: the observed generation and conditions (a list-map keyed on type).</summary>
public sealed class WidgetStatus
{
    public long? ObservedGeneration { get; set; }

    public IList<V1Condition>? Conditions { get; set; }
}
