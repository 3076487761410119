using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// A volume source that projects a ConfigMap.
/// </summary>
public sealed class ConfigMapVolumeSource
{
    /// <summary>The ConfigMap name, in the pod's namespace.</summary>
    public string? Name { get; set; }

    /// <summary>When true, a missing ConfigMap is not an error.</summary>
    public bool? Optional { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
