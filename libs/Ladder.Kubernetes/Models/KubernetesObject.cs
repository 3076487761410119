using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// The envelope every Kubernetes object shares: <c>apiVersion</c>, <c>kind</c> and <c>metadata</c>
/// (the TypeMeta and ObjectMeta of the Kubernetes API conventions, "Objects" section), as KubernetesClient's
/// <see cref="IKubernetesObject{TMetadata}"/> with its <see cref="V1ObjectMeta"/>.
/// </summary>
/// <remarks>
/// Fields this model does not declare are kept in <see cref="ExtensionData"/>, so an object read,
/// changed and written back loses nothing the server sent (a read-modify-write round trip).
/// </remarks>
public abstract class KubernetesObject : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The group and version, e.g. <c>apps/v1</c> or <c>ladder.dev/v1alpha1</c>; <c>v1</c> for the core group.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>The kind in CamelCase, e.g. <c>Deployment</c> or <c>LiveStream</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>Standard object metadata: name, namespace, labels, resourceVersion and the rest.</summary>
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Top-level fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
