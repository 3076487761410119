using System.Reflection;
using k8s.Models;

namespace Ladder.ControllerRuntime.Cache;

/// <summary>
/// What an informer lists and watches: API group (empty for the core group), version, kind, plural and scope
/// (the parts of a <c>GroupVersionResource</c> and <c>GroupVersionKind</c> a controller needs to match owner references).
/// </summary>
/// <param name="Group">The API group, e.g. <c>apps</c>; empty for the core group.</param>
/// <param name="Version">The version, e.g. <c>v1</c>.</param>
/// <param name="Kind">The kind, e.g. <c>Deployment</c>.</param>
/// <param name="Plural">The resource name in URLs, e.g. <c>deployments</c>.</param>
/// <param name="Namespaced">True for a namespaced resource.</param>
public sealed record ResourceKind(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    /// <summary>The kind's <c>apiVersion</c>: <c>group/version</c>, or the version alone for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Reads group, version, kind and plural from <typeparamref name="T"/>'s <see cref="KubernetesEntityAttribute"/>.</summary>
    /// <param name="namespaced">True for a namespaced resource (the attribute does not say).</param>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> has no <c>[KubernetesEntity]</c> with a kind and plural.</exception>
    public static ResourceKind For<T>(bool namespaced = true)
    {
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>();
        if (entity is null || string.IsNullOrEmpty(entity.Kind) || string.IsNullOrEmpty(entity.PluralName))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has no [KubernetesEntity(Group, ApiVersion, Kind, PluralName)] attribute: add one so its API path is known.");
        }

        return new ResourceKind(entity.Group ?? "", entity.ApiVersion, entity.Kind, entity.PluralName, namespaced);
    }
}
