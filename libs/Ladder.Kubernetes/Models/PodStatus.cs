using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// The status of a <see cref="Pod"/>.
/// </summary>
public sealed class PodStatus
{
    /// <summary><c>Pending</c>, <c>Running</c>, <c>Succeeded</c>, <c>Failed</c> or <c>Unknown</c>.</summary>
    public string? Phase { get; set; }

    /// <summary><c>PodScheduled</c>, <c>Initialized</c>, <c>ContainersReady</c>, <c>Ready</c>.</summary>
    public IList<PodCondition>? Conditions { get; set; }

    /// <summary>One entry per application container.</summary>
    public IList<ContainerStatus>? ContainerStatuses { get; set; }

    /// <summary>Why the pod is in this phase, when a component said so, e.g. <c>Evicted</c>.</summary>
    public string? Reason { get; set; }

    /// <summary>Human-readable details of <see cref="Reason"/>.</summary>
    public string? Message { get; set; }

    /// <summary>The pod's primary IP, once assigned.</summary>
    public string? PodIP { get; set; }

    /// <summary>The IP of the node the pod runs on.</summary>
    public string? HostIP { get; set; }

    /// <summary>When the kubelet accepted the pod.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
