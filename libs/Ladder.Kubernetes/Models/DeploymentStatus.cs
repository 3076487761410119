using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// The status of a <see cref="Deployment"/>, written by the deployment controller.
/// </summary>
public sealed class DeploymentStatus
{
    /// <summary>The <c>metadata.generation</c> this status reflects.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Pods targeted by this deployment.</summary>
    public int? Replicas { get; set; }

    /// <summary>Pods that run the current template.</summary>
    public int? UpdatedReplicas { get; set; }

    /// <summary>Pods that are ready.</summary>
    public int? ReadyReplicas { get; set; }

    /// <summary>Pods ready for at least minReadySeconds.</summary>
    public int? AvailableReplicas { get; set; }

    /// <summary>Pods still needed for 100% availability.</summary>
    public int? UnavailableReplicas { get; set; }

    /// <summary><c>Available</c> and <c>Progressing</c> conditions (<c>apps/v1 DeploymentCondition</c>, with <c>lastUpdateTime</c>).</summary>
    public IList<V1DeploymentCondition>? Conditions { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
