namespace Ladder.Kubernetes.Models;

/// <summary>
/// A core/v1 Secret. <see cref="Data"/> is base64 on the wire and raw bytes here.
/// </summary>
public sealed class Secret : KubernetesObject
{
    /// <summary>The secret type, e.g. <c>Opaque</c> or <c>kubernetes.io/tls</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Values by key, decoded from base64.</summary>
    public IDictionary<string, byte[]>? Data { get; set; }

    /// <summary>Write-only plain-text values the server merges into <see cref="Data"/>.</summary>
    public IDictionary<string, string>? StringData { get; set; }

    /// <summary>When true, data can no longer be changed.</summary>
    public bool? Immutable { get; set; }
}
