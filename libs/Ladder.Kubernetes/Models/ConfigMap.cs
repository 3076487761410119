namespace Ladder.Kubernetes.Models;

/// <summary>
/// A core/v1 ConfigMap: non-confidential key/value data.
/// </summary>
public sealed class ConfigMap : KubernetesObject
{
    /// <summary>UTF-8 values by key.</summary>
    public IDictionary<string, string>? Data { get; set; }

    /// <summary>Binary values by key (base64 on the wire).</summary>
    public IDictionary<string, byte[]>? BinaryData { get; set; }

    /// <summary>When true, data can no longer be changed.</summary>
    public bool? Immutable { get; set; }
}
