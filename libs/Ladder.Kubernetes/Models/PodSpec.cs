using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// The spec of a pod: the containers and what they need from the node.
/// </summary>
public sealed class PodSpec
{
    /// <summary>The application containers; at least one.</summary>
    public IList<Container>? Containers { get; set; }

    /// <summary>Containers run to completion, in order, before the application containers.</summary>
    public IList<Container>? InitContainers { get; set; }

    /// <summary>Volumes the containers can mount.</summary>
    public IList<Volume>? Volumes { get; set; }

    /// <summary>Node labels the pod must be scheduled on.</summary>
    public IDictionary<string, string>? NodeSelector { get; set; }

    /// <summary>Taints the pod tolerates.</summary>
    public IList<Toleration>? Tolerations { get; set; }

    /// <summary>The pod-level security context (runAsUser, fsGroup, ...), as sent.</summary>
    public JsonElement? SecurityContext { get; set; }

    /// <summary>Scheduling affinity, as sent.</summary>
    public JsonElement? Affinity { get; set; }

    /// <summary>The service account the pod runs as.</summary>
    public string? ServiceAccountName { get; set; }

    /// <summary><c>Always</c>, <c>OnFailure</c> or <c>Never</c>.</summary>
    public string? RestartPolicy { get; set; }

    /// <summary>Seconds between SIGTERM and SIGKILL.</summary>
    public long? TerminationGracePeriodSeconds { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
