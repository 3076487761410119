using System.Net;
using System.Reflection;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Ladder.Kubernetes.Testing;

/// <summary>
/// The verbs a test uses on one namespaced kind, over KubernetesClient's <see cref="GenericClient"/>: seeding objects
/// the way <c>kubectl create</c> does, reading them back, and changing them the way a person or another controller does.
/// The kind's group, version and plural come from its <see cref="KubernetesEntityAttribute"/>. A refusal throws
/// KubernetesClient's <see cref="HttpOperationException"/>.
/// </summary>
/// <typeparam name="T">The kind, e.g. <c>LiveStream</c> or <see cref="V1Deployment"/>.</typeparam>
public sealed class ObjectClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IKubernetes _kubernetes;
    private readonly KubernetesEntityAttribute _entity;
    private readonly GenericClient _generic;

    /// <summary>Creates the client; <paramref name="kubernetes"/> stays the caller's to dispose.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> has no <c>[KubernetesEntity]</c>.</exception>
    public ObjectClient(IKubernetes kubernetes)
    {
        _kubernetes = kubernetes;
        _entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>() ?? throw new InvalidOperationException($"{typeof(T).Name} has no [KubernetesEntity]: add one so its API path is known.");
        _generic = string.IsNullOrEmpty(_entity.Group)
            ? new GenericClient(kubernetes, _entity.ApiVersion, _entity.PluralName, disposeClient: false)
            : new GenericClient(kubernetes, _entity.Group, _entity.ApiVersion, _entity.PluralName, disposeClient: false);
    }

    /// <summary>POSTs <paramref name="obj"/> into <paramref name="namespace"/>; returns what the server stored.</summary>
    public Task<T> CreateAsync(string @namespace, T obj) => _generic.CreateNamespacedAsync(obj, @namespace);

    /// <summary>GETs one object.</summary>
    public Task<T> GetAsync(string @namespace, string name) => _generic.ReadNamespacedAsync<T>(@namespace, name);

    /// <summary>GETs one object; null when it does not exist (404).</summary>
    public async Task<T?> TryGetAsync(string @namespace, string name)
    {
        try
        {
            return await GetAsync(@namespace, name).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>PUTs the object (optimistic concurrency on its <c>metadata.resourceVersion</c>: 409 when stale).</summary>
    public Task<T> UpdateAsync(T obj) => _generic.ReplaceNamespacedAsync(obj, obj.Metadata.NamespaceProperty, obj.Metadata.Name);

    /// <summary>PUTs the object's <c>status</c> subresource, as the controller that owns the status does.</summary>
    public Task<T> UpdateStatusAsync(T obj) =>
        _kubernetes.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<T>(obj, _entity.Group, _entity.ApiVersion, obj.Metadata.NamespaceProperty, _entity.PluralName, obj.Metadata.Name);

    /// <summary>DELETEs one object (with finalizers, it stays until they are removed).</summary>
    public Task DeleteAsync(string @namespace, string name) => _generic.DeleteNamespacedAsync<V1Status>(@namespace, name);

    /// <summary>
    /// Changes an object the way a person does: read, change, PUT, and again on a conflict with another writer's
    /// change (client-go <c>RetryOnConflict</c>, up to 10 attempts).
    /// </summary>
    public async Task ChangeAsync(string @namespace, string name, Action<T> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var obj = await GetAsync(@namespace, name).ConfigureAwait(false);
            change(obj);
            try
            {
                await UpdateAsync(obj).ConfigureAwait(false);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < 10)
            {
            }
        }
    }
}
