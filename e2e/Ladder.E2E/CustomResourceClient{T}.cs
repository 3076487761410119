using System.Text.Json;
using k8s;
using k8s.Models;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Errors;

namespace Ladder.E2E;

/// <summary>
/// The verbs the suite uses on one custom resource, straight through KubernetesClient's <see cref="IKubernetes.CustomObjects"/>
/// (bodies and answers through its <see cref="KubernetesJson"/>), a refusal surfacing as the
/// <see cref="ApiStatusException"/> Ladder's code sees, naming the request. LIST and WATCH go through
/// ControllerRuntime's <see cref="ListWatch{T}"/>, as the operator's informers do.
/// </summary>
/// <typeparam name="T">The object type: Ladder's kinds, or the per-run <see cref="Widget"/>.</typeparam>
public sealed class CustomResourceClient<T>(IKubernetes kube, ResourceKind resource)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The resource addressed.</summary>
    public ResourceKind Resource { get; } = resource;

    /// <summary>LIST and WATCH of the resource in one namespace: <see cref="ListRequest.Namespace"/> must be set.</summary>
    public ListWatch<T> ListWatch { get; } = ControllerRuntime.Cache.ListWatch.Create<T, KubernetesList<T>>(resource, (r, watch, ct) =>
        kube.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(resource.Group, resource.Version, r.Namespace, resource.Plural,
            r.AllowWatchBookmarks, r.Continue, r.FieldSelector, r.LabelSelector, r.Limit, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: watch, cancellationToken: ct));

    /// <summary><c>POST</c>s <paramref name="obj"/> into <paramref name="namespace"/>; answers the object as stored.</summary>
    /// <exception cref="ApiStatusException">409 AlreadyExists, 422 Invalid (schema or CEL, with causes), or another refusal.</exception>
    public Task<T> CreateAsync(string @namespace, T obj) => Send("create", @namespace, obj.Metadata.Name, () =>
        kube.CustomObjects.CreateNamespacedCustomObjectAsync<T>(obj, Resource.Group, Resource.Version, @namespace, Resource.Plural));

    /// <summary><c>GET</c>s one object.</summary>
    /// <exception cref="ApiStatusException">404 NotFound, or another refusal.</exception>
    public Task<T> GetAsync(string @namespace, string name) => Send("get", @namespace, name, () =>
        kube.CustomObjects.GetNamespacedCustomObjectAsync<T>(Resource.Group, Resource.Version, @namespace, Resource.Plural, name));

    /// <summary><c>PUT</c>s <paramref name="obj"/> at its namespace and name; its resourceVersion makes the write conditional.</summary>
    /// <exception cref="ApiStatusException">409 Conflict on a stale resourceVersion, or another refusal.</exception>
    public Task<T> ReplaceAsync(T obj) => Send("update", obj.Metadata.NamespaceProperty, obj.Metadata.Name, () =>
        kube.CustomObjects.ReplaceNamespacedCustomObjectAsync<T>(obj, Resource.Group, Resource.Version, obj.Metadata.NamespaceProperty, Resource.Plural, obj.Metadata.Name));

    /// <summary><c>PUT</c>s <paramref name="obj"/> to the status subresource, which keeps the spec and the generation.</summary>
    /// <exception cref="ApiStatusException">The server refused it.</exception>
    public Task<T> ReplaceStatusAsync(T obj) => Send("update the status of", obj.Metadata.NamespaceProperty, obj.Metadata.Name, () =>
        kube.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<T>(obj, Resource.Group, Resource.Version, obj.Metadata.NamespaceProperty, Resource.Plural, obj.Metadata.Name));

    /// <summary><c>PATCH</c>es one object (merge patch, RFC 7386, or JSON patch, RFC 6902, by <see cref="V1Patch.Type"/>).</summary>
    /// <exception cref="ApiStatusException">422 Invalid when a JSON patch <c>test</c> fails, or another refusal.</exception>
    public Task<T> PatchAsync(string @namespace, string name, V1Patch patch) => Send("patch", @namespace, name, () =>
        kube.CustomObjects.PatchNamespacedCustomObjectAsync<T>(patch, Resource.Group, Resource.Version, @namespace, Resource.Plural, name));

    /// <summary><c>PATCH</c>es the status subresource, which ignores the spec.</summary>
    /// <exception cref="ApiStatusException">The server refused it.</exception>
    public Task<T> PatchStatusAsync(string @namespace, string name, V1Patch patch) => Send("patch the status of", @namespace, name, () =>
        kube.CustomObjects.PatchNamespacedCustomObjectStatusAsync<T>(patch, Resource.Group, Resource.Version, @namespace, Resource.Plural, name));

    /// <summary>Server-side applies <paramref name="obj"/> (<c>application/apply-patch+yaml</c>) as <paramref name="fieldManager"/>.</summary>
    /// <exception cref="ApiStatusException">409 Conflict with a FieldManagerConflict cause per field another manager owns (unless <paramref name="force"/>), 422 Invalid.</exception>
    public Task<T> ApplyAsync(T obj, string fieldManager, bool force = false) => Send("apply", obj.Metadata.NamespaceProperty, obj.Metadata.Name, () =>
        kube.CustomObjects.PatchNamespacedCustomObjectAsync<T>(new V1Patch(obj, V1Patch.PatchType.ApplyPatch), Resource.Group, Resource.Version,
            obj.Metadata.NamespaceProperty, Resource.Plural, obj.Metadata.Name, fieldManager: fieldManager, force: force));

    /// <summary>
    /// <c>DELETE</c>s one object. Answers the object, with <c>deletionTimestamp</c> set, while finalizers hold it; null
    /// when it is gone at once (the server then answers a <c>Status</c>, whose <c>status</c> string fits no object's).
    /// </summary>
    /// <param name="namespace">Its namespace.</param>
    /// <param name="name">Its name.</param>
    /// <param name="propagationPolicy"><c>Foreground</c>, <c>Background</c> or <c>Orphan</c>; null for the server's default.</param>
    /// <exception cref="ApiStatusException">404 NotFound, or another refusal.</exception>
    public async Task<T?> DeleteAsync(string @namespace, string name, string? propagationPolicy = null)
    {
        var answer = await Send("delete", @namespace, name, () =>
            kube.CustomObjects.DeleteNamespacedCustomObjectAsync<JsonElement>(Resource.Group, Resource.Version, @namespace, Resource.Plural, name, propagationPolicy: propagationPolicy));
        return answer.TryGetProperty("kind", out var kind) && kind.GetString() == "Status" ? null : KubernetesJson.Deserialize<T>(answer.GetRawText());
    }

    private Task<TResult> Send<TResult>(string verb, string? @namespace, string? name, Func<Task<TResult>> call) =>
        ApiStatusException.SendAsync($"{verb} {Resource.Kind} {@namespace}/{name}", call);
}
