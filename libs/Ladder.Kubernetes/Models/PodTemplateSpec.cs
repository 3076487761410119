using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// The pod template of a workload: metadata and spec of the pods it creates.
/// </summary>
public sealed class PodTemplateSpec
{
    /// <summary>Labels and annotations of the pods.</summary>
    public V1ObjectMeta? Metadata { get; set; }

    /// <summary>The pod spec.</summary>
    public PodSpec? Spec { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
