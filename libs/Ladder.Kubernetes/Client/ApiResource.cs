using System.Reflection;
using k8s.Models;

namespace Ladder.Kubernetes;

/// <summary>
/// Names what a client talks to: a resource of an API group and version (the group/version/resource of the
/// Kubernetes API conventions), with its kind and scope.
/// </summary>
/// <param name="Group">The API group; empty for the core group (<c>/api/v1</c>).</param>
/// <param name="Version">The version, e.g. <c>v1</c> or <c>v1alpha1</c>.</param>
/// <param name="Plural">The lowercase plural resource name used in URLs, e.g. <c>deployments</c>.</param>
/// <param name="Kind">The kind, e.g. <c>Deployment</c>; written into applied objects.</param>
/// <param name="Namespaced">True for namespaced resources, false for cluster-scoped ones.</param>
public sealed record ApiResource(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary>core/v1 namespaces (cluster-scoped).</summary>
    public static ApiResource Namespaces { get; } = new("", "v1", "namespaces", "Namespace", false);

    /// <summary>core/v1 configmaps.</summary>
    public static ApiResource ConfigMaps { get; } = new("", "v1", "configmaps", "ConfigMap", true);

    /// <summary>core/v1 secrets.</summary>
    public static ApiResource Secrets { get; } = new("", "v1", "secrets", "Secret", true);

    /// <summary>core/v1 services.</summary>
    public static ApiResource Services { get; } = new("", "v1", "services", "Service", true);

    /// <summary>core/v1 pods.</summary>
    public static ApiResource Pods { get; } = new("", "v1", "pods", "Pod", true);

    /// <summary>apps/v1 deployments.</summary>
    public static ApiResource Deployments { get; } = new("apps", "v1", "deployments", "Deployment", true);

    /// <summary>coordination.k8s.io/v1 leases.</summary>
    public static ApiResource Leases { get; } = new("coordination.k8s.io", "v1", "leases", "Lease", true);

    /// <summary>events.k8s.io/v1 events.</summary>
    public static ApiResource Events { get; } = new("events.k8s.io", "v1", "events", "Event", true);

    /// <summary>apiextensions.k8s.io/v1 customresourcedefinitions (cluster-scoped).</summary>
    public static ApiResource CustomResourceDefinitions { get; } =
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false);

    /// <summary>
    /// The resource of the entity <typeparamref name="T"/>, named by its <see cref="KubernetesEntityAttribute"/> (group,
    /// version, kind and plural, as KubernetesClient's generic client and KubeOps read it).
    /// </summary>
    /// <param name="namespaced">False for a cluster-scoped kind; the attribute does not say.</param>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has no <c>[KubernetesEntity]</c> with a kind, version and plural.</exception>
    public static ApiResource For<T>(bool namespaced = true)
    {
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>();
        if (entity is null || string.IsNullOrEmpty(entity.Kind) || string.IsNullOrEmpty(entity.ApiVersion) || string.IsNullOrEmpty(entity.PluralName))
        {
            throw new ArgumentException($"{typeof(T).Name} has no [KubernetesEntity] naming its kind, apiVersion and plural.", nameof(T));
        }

        return new ApiResource(entity.Group ?? "", entity.ApiVersion, entity.PluralName, entity.Kind, namespaced);
    }

    /// <summary>The apiVersion of the kind: <c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>
    /// The URL path of the collection or of one object: <c>/api/v1</c> or <c>/apis/{group}/{version}</c>, then
    /// <c>/namespaces/{namespace}</c> for namespaced resources, <c>/{plural}</c>, <c>/{name}</c> and <c>/{subresource}</c>.
    /// </summary>
    /// <param name="namespace">The namespace; null lists or watches a namespaced resource across all namespaces.</param>
    /// <param name="name">The object name, or null for the collection.</param>
    /// <param name="subresource">A subresource such as <c>status</c>, or null.</param>
    /// <exception cref="ArgumentException">A namespaced object was named without a namespace.</exception>
    public string GetPath(string? @namespace, string? name = null, string? subresource = null)
    {
        if (Namespaced && name is not null && string.IsNullOrEmpty(@namespace))
        {
            throw new ArgumentException($"{Plural}.{Group} is namespaced: pass the namespace of '{name}'.", nameof(@namespace));
        }

        var path = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        if (Namespaced && !string.IsNullOrEmpty(@namespace))
        {
            path += "/namespaces/" + Uri.EscapeDataString(@namespace);
        }

        path += "/" + Plural;
        if (name is not null)
        {
            path += "/" + Uri.EscapeDataString(name);
        }

        return subresource is null ? path : path + "/" + subresource;
    }
}
