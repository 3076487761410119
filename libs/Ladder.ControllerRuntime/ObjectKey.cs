using k8s;
using k8s.Models;

namespace Ladder.ControllerRuntime;

/// <summary>
/// Identifies an object by namespace and name: the work queue item and the reconcile request of a controller
/// (controller-runtime <c>reconcile.Request</c> / <c>types.NamespacedName</c>).
/// </summary>
/// <param name="Namespace">The namespace; null or empty for cluster-scoped objects.</param>
/// <param name="Name">The object's name.</param>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    /// <summary>The key of <paramref name="obj"/> from its metadata.</summary>
    /// <exception cref="ArgumentException">The object has no <c>metadata.name</c>.</exception>
    public static ObjectKey From(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var name = obj.Metadata.Name;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"A {obj.Kind ?? "object"} without metadata.name has no key: set metadata.name.", nameof(obj));
        }

        return new ObjectKey(string.IsNullOrEmpty(obj.Metadata.NamespaceProperty) ? null : obj.Metadata.NamespaceProperty, name);
    }

    /// <summary><c>namespace/name</c>, or <c>name</c> for cluster-scoped objects (client-go <c>MetaNamespaceKeyFunc</c>).</summary>
    public override string ToString() => string.IsNullOrEmpty(Namespace) ? Name : Namespace + "/" + Name;
}
