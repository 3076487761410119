using System.Text.Json;
using k8s;
using k8s.Models;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Errors;

namespace Ladder.Kubernetes.Testing;

/// <summary>
/// What a test does to one namespaced resource from the user's side (kubectl, another controller, the kubelet): the
/// verbs straight through KubernetesClient's <see cref="IKubernetes.CustomObjects"/>, which serves built-in groups too
/// (the core group as <c>/api/v1</c>), bodies and answers through its <see cref="KubernetesJson"/>. A refusal surfaces
/// as the <see cref="ApiStatusException"/> Ladder's code sees, naming the request. LIST and WATCH go through
/// ControllerRuntime's <see cref="ListWatch{T}"/>, as the operator's informers do.
/// </summary>
/// <typeparam name="T">The object type: a built-in model, one of Ladder's kinds, or a test kind.</typeparam>
/// <param name="kubernetes">The client; the caller disposes it.</param>
/// <param name="resource">The resource addressed (for a kind whose group is only known at run time).</param>
public sealed class ObjectClient<T>(IKubernetes kubernetes, ResourceKind resource)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Addresses the resource named by <typeparamref name="T"/>'s <see cref="KubernetesEntityAttribute"/>.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> has no <c>[KubernetesEntity]</c>.</exception>
    public ObjectClient(IKubernetes kubernetes)
        : this(kubernetes, ResourceKind.For<T>())
    {
    }

    /// <summary>The resource addressed.</summary>
    public ResourceKind Resource { get; } = resource;

    /// <summary>LIST and WATCH of the resource in one namespace: <see cref="ListRequest.Namespace"/> must be set.</summary>
    public ListWatch<T> ListWatch { get; } = ControllerRuntime.Cache.ListWatch.Create<T, KubernetesList<T>>(resource, (r, watch, ct) =>
        kubernetes.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(resource.Group, resource.Version, r.Namespace, resource.Plural,
            r.AllowWatchBookmarks, r.Continue, r.FieldSelector, r.LabelSelector, r.Limit, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: watch, cancellationToken: ct));

    /// <summary><c>POST</c>s <paramref name="obj"/> into <paramref name="namespace"/>; answers the object as stored.</summary>
    /// <exception cref="ApiStatusException">409 AlreadyExists, 422 Invalid (schema or CEL, with causes), or another refusal.</exception>
    public Task<T> CreateAsync(string @namespace, T obj) => Send("create", @namespace, obj.Metadata.Name, () =>
        kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync<T>(obj, Resource.Group, Resource.Version, @namespace, Resource.Plural));

    /// <summary><c>GET</c>s one object.</summary>
    /// <exception cref="ApiStatusException">404 NotFound, or another refusal.</exception>
    public Task<T> GetAsync(string @namespace, string name) => Send("get", @namespace, name, () =>
        kubernetes.CustomObjects.GetNamespacedCustomObjectAsync<T>(Resource.Group, Resource.Version, @namespace, Resource.Plural, name));

    /// <summary><c>GET</c>s one object; null when it does not exist.</summary>
    /// <exception cref="ApiStatusException">A refusal other than 404.</exception>
    public async Task<T?> TryGetAsync(string @namespace, string name)
    {
        try
        {
            return await GetAsync(@namespace, name).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary><c>PUT</c>s <paramref name="obj"/> at its namespace and name; its resourceVersion makes the write conditional.</summary>
    /// <exception cref="ApiStatusException">409 Conflict on a stale resourceVersion, or another refusal.</exception>
    public Task<T> ReplaceAsync(T obj) => Send("update", obj.Metadata.NamespaceProperty, obj.Metadata.Name, () =>
        kubernetes.CustomObjects.ReplaceNamespacedCustomObjectAsync<T>(obj, Resource.Group, Resource.Version, obj.Metadata.NamespaceProperty, Resource.Plural, obj.Metadata.Name));

    /// <summary><c>PUT</c>s the <c>status</c> subresource: spec changes are ignored and the generation does not move.</summary>
    /// <exception cref="ApiStatusException">409 Conflict on a stale resourceVersion, or another refusal.</exception>
    public Task<T> ReplaceStatusAsync(T obj) => Send("update the status of", obj.Metadata.NamespaceProperty, obj.Metadata.Name, () =>
        kubernetes.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<T>(obj, Resource.Group, Resource.Version, obj.Metadata.NamespaceProperty, Resource.Plural, obj.Metadata.Name));

    /// <summary><c>PATCH</c>es one object (merge, JSON or apply patch, as <paramref name="patch"/> says).</summary>
    /// <exception cref="ApiStatusException">422 Invalid when a JSON patch <c>test</c> fails, or another refusal.</exception>
    public Task<T> PatchAsync(string @namespace, string name, V1Patch patch) => Send("patch", @namespace, name, () =>
        kubernetes.CustomObjects.PatchNamespacedCustomObjectAsync<T>(patch, Resource.Group, Resource.Version, @namespace, Resource.Plural, name));

    /// <summary><c>PATCH</c>es the <c>status</c> subresource.</summary>
    /// <exception cref="ApiStatusException">A refusal.</exception>
    public Task<T> PatchStatusAsync(string @namespace, string name, V1Patch patch) => Send("patch the status of", @namespace, name, () =>
        kubernetes.CustomObjects.PatchNamespacedCustomObjectStatusAsync<T>(patch, Resource.Group, Resource.Version, @namespace, Resource.Plural, name));

    /// <summary>Server-side applies <paramref name="obj"/> as <paramref name="fieldManager"/> (creates it when missing).</summary>
    /// <exception cref="ApiStatusException">409 Conflict with a FieldManagerConflict cause per field another manager owns (unless <paramref name="force"/>), 422 Invalid.</exception>
    public Task<T> ApplyAsync(T obj, string fieldManager, bool force = false) => Send("apply", obj.Metadata.NamespaceProperty, obj.Metadata.Name, () =>
        kubernetes.CustomObjects.PatchNamespacedCustomObjectAsync<T>(new V1Patch(obj, V1Patch.PatchType.ApplyPatch), Resource.Group, Resource.Version,
            obj.Metadata.NamespaceProperty, Resource.Plural, obj.Metadata.Name, fieldManager: fieldManager, force: force));

    /// <summary>
    /// <c>DELETE</c>s one object: answers it when the server kept it (finalizers pending: <c>deletionTimestamp</c> set),
    /// or null when it is gone (the server answered with a Status, which KubernetesClient cannot read as an object).
    /// </summary>
    /// <exception cref="ApiStatusException">404 NotFound, or another refusal.</exception>
    public async Task<T?> DeleteAsync(string @namespace, string name, string? propagationPolicy = null)
    {
        var answer = await Send("delete", @namespace, name, () =>
            kubernetes.CustomObjects.DeleteNamespacedCustomObjectAsync<JsonElement>(Resource.Group, Resource.Version, @namespace, Resource.Plural, name, propagationPolicy: propagationPolicy)).ConfigureAwait(false);
        return answer.TryGetProperty("kind", out var kind) && kind.GetString() == "Status" ? null : KubernetesJson.Deserialize<T>(answer.GetRawText());
    }

    /// <summary>
    /// Changes an object the way a person does: read, change, <c>PUT</c>, and again on a conflict with another writer
    /// (client-go <c>RetryOnConflict</c>, up to 10 attempts).
    /// </summary>
    /// <exception cref="ApiStatusException">A refusal other than a conflict, or a conflict on the 10th attempt.</exception>
    public async Task ChangeAsync(string @namespace, string name, Action<T> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var obj = await GetAsync(@namespace, name).ConfigureAwait(false);
            change(obj);
            try
            {
                await ReplaceAsync(obj).ConfigureAwait(false);
                return;
            }
            catch (ApiStatusException e) when (e.IsConflict && attempt < 10)
            {
            }
        }
    }

    private Task<TResult> Send<TResult>(string verb, string? @namespace, string? name, Func<Task<TResult>> call) =>
        ApiStatusException.SendAsync($"{verb} {Resource.Kind} {@namespace}/{name}", call);
}
