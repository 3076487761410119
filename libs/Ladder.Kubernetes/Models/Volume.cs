using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// A volume of a <see cref="PodSpec"/>. Sources other than ConfigMap and emptyDir are kept in <see cref="ExtensionData"/>.
/// </summary>
public sealed class Volume
{
    /// <summary>The volume name, referenced by volume mounts.</summary>
    public string? Name { get; set; }

    /// <summary>Projects a ConfigMap's keys as files.</summary>
    public ConfigMapVolumeSource? ConfigMap { get; set; }

    /// <summary>An empty directory for the pod's lifetime (medium, sizeLimit), as sent; <c>{}</c> for the defaults.</summary>
    public JsonElement? EmptyDir { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
