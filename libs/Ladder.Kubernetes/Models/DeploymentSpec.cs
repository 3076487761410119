using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// The spec of a <see cref="Deployment"/>.
/// </summary>
public sealed class DeploymentSpec
{
    /// <summary>Desired number of pods; the server defaults it to 1.</summary>
    public int? Replicas { get; set; }

    /// <summary>Selects the pods this deployment manages; immutable after creation.</summary>
    public LabelSelector? Selector { get; set; }

    /// <summary>The pod template.</summary>
    public PodTemplateSpec? Template { get; set; }

    /// <summary>The rollout strategy (<c>RollingUpdate</c> with maxSurge/maxUnavailable, or <c>Recreate</c>), as sent.</summary>
    public JsonElement? Strategy { get; set; }

    /// <summary>Seconds a new pod must be ready before it counts as available.</summary>
    public int? MinReadySeconds { get; set; }

    /// <summary>Old ReplicaSets to keep.</summary>
    public int? RevisionHistoryLimit { get; set; }

    /// <summary>Seconds before a stalled rollout is reported as failed.</summary>
    public int? ProgressDeadlineSeconds { get; set; }

    /// <summary>True while the deployment is paused.</summary>
    public bool? Paused { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
