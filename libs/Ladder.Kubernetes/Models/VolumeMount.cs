using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// A volume mounted into a <see cref="Container"/>.
/// </summary>
public sealed class VolumeMount
{
    /// <summary>The name of a volume in the pod spec.</summary>
    public string? Name { get; set; }

    /// <summary>The path in the container.</summary>
    public string? MountPath { get; set; }

    /// <summary>A path inside the volume to mount instead of its root.</summary>
    public string? SubPath { get; set; }

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
