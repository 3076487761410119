using k8s;
using k8s.Models;

namespace Ladder.Api.V1Alpha1;

/// <summary>
/// An object of the <c>ladder.dev/v1alpha1</c> API, as a KubernetesClient entity
/// (<see cref="IKubernetesObject{TMetadata}"/> with <see cref="V1ObjectMeta"/>): created with apiVersion and kind set.
/// </summary>
/// <remarks>
/// Every field is modeled: a field the server sends that this model does not declare is dropped on read, so the
/// operator writes these kinds only through server-side apply of the fields it owns and the status subresource.
/// </remarks>
public abstract class LadderObject : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Sets apiVersion to <see cref="LadderApi.ApiVersion"/> and kind to <paramref name="kind"/>.</summary>
    protected LadderObject(string kind)
    {
        ApiVersion = LadderApi.ApiVersion;
        Kind = kind;
    }

    /// <summary>The group and version: <see cref="LadderApi.ApiVersion"/> (<c>ladder.dev/v1alpha1</c>).</summary>
    public string? ApiVersion { get; set; }

    /// <summary>The kind in CamelCase, e.g. <c>LiveStream</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>Standard object metadata: name, namespace, labels, resourceVersion and the rest.</summary>
    public V1ObjectMeta Metadata { get; set; } = new();
}
