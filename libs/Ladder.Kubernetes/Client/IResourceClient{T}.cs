using Ladder.Kubernetes.Errors;
using Ladder.Kubernetes.Models;
using Ladder.Kubernetes.Watch;
using V1ObjectMeta = k8s.Models.V1ObjectMeta;

namespace Ladder.Kubernetes;

/// <summary>
/// The verbs on one resource (<see cref="Resource"/>), typed as <typeparamref name="T"/>: the equivalent of
/// client-go's typed and dynamic clients. Every failed call throws <see cref="KubeApiException"/> carrying the
/// server's Status; a non-watch call that outlives <see cref="k8s.KubernetesClientConfiguration.HttpClientTimeout"/> throws
/// <see cref="TimeoutException"/>; cancelling the token throws <see cref="OperationCanceledException"/>.
/// </summary>
/// <typeparam name="T">The object type; unknown fields survive in its extension data.</typeparam>
/// <remarks>
/// <c>namespace</c> is ignored for cluster-scoped resources; for namespaced ones it is required when naming one
/// object, and null lists or watches across all namespaces. Create uses the <c>namespace</c> argument when given,
/// else the object's <c>metadata.namespace</c>; update and apply use <c>metadata.namespace</c> and <c>metadata.name</c>.
/// </remarks>
public interface IResourceClient<T>
    where T : class, k8s.IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The resource this client talks to.</summary>
    ApiResource Resource { get; }

    /// <summary>GET one object.</summary>
    /// <exception cref="KubeApiException">404 <see cref="KubeApiException.IsNotFound"/> when it does not exist.</exception>
    Task<T> GetAsync(string? @namespace, string name, CancellationToken cancellationToken = default);

    /// <summary>LIST one page; follow <see cref="ListMeta.Continue"/> or use <see cref="ListAllAsync"/> for the rest.</summary>
    /// <exception cref="KubeApiException">410 <see cref="KubeApiException.IsGone"/> when the continue token expired.</exception>
    Task<KubernetesList<T>> ListAsync(string? @namespace, ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>LIST every page, following <c>continue</c> tokens (page size <see cref="ListOptions.Limit"/>, default 500).</summary>
    /// <exception cref="KubeApiException">410 when a continue token expires between pages: restart the list.</exception>
    IAsyncEnumerable<T> ListAllAsync(string? @namespace, ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>POST a new object; returns what the server stored (uid, resourceVersion, defaults).</summary>
    /// <exception cref="KubeApiException">409 <see cref="KubeApiException.IsAlreadyExists"/>; 422 <see cref="KubeApiException.IsInvalid"/> with causes.</exception>
    Task<T> CreateAsync(string? @namespace, T obj, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>PUT the object (its status is ignored when the resource has a status subresource).</summary>
    /// <exception cref="KubeApiException">409 <see cref="KubeApiException.IsConflict"/> when <c>metadata.resourceVersion</c> is stale: re-read and retry.</exception>
    Task<T> UpdateAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>PUT the <c>/status</c> subresource; spec changes are ignored and generation does not move.</summary>
    /// <exception cref="KubeApiException">409 when <c>metadata.resourceVersion</c> is stale.</exception>
    Task<T> UpdateStatusAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// DELETE one object. Returns the object when the server kept it (finalizers pending, foreground deletion:
    /// <c>deletionTimestamp</c> is set), or null when the server answered with a Success Status (it is gone).
    /// </summary>
    /// <exception cref="KubeApiException">404 when it does not exist; 409 when a precondition failed.</exception>
    Task<T?> DeleteAsync(string? @namespace, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>PATCH one object; <paramref name="patch"/> is serialized with <c>WireJson.Options</c> (a JsonNode, a model or an anonymous object).</summary>
    /// <exception cref="KubeApiException">422 when a JSON patch <c>test</c> fails; 415 for a strategic merge patch on a custom resource.</exception>
    Task<T> PatchAsync(string? @namespace, string name, PatchType type, object patch, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>PATCH the <c>/status</c> subresource.</summary>
    /// <exception cref="KubeApiException">As <see cref="PatchAsync"/>.</exception>
    Task<T> PatchStatusAsync(string? @namespace, string name, PatchType type, object patch, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Server-side apply of <paramref name="obj"/> (creates it when missing). Send only the fields this manager
    /// owns; <c>metadata.managedFields</c> is stripped, and apiVersion/kind are filled from <see cref="Resource"/> when unset.
    /// </summary>
    /// <exception cref="KubeApiException">409 <see cref="KubeApiException.IsConflict"/> with <c>FieldManagerConflict</c> causes unless <see cref="ApplyOptions.Force"/>.</exception>
    Task<T> ApplyAsync(T obj, ApplyOptions options, CancellationToken cancellationToken = default);

    /// <summary>Server-side apply to the <c>/status</c> subresource.</summary>
    /// <exception cref="KubeApiException">As <see cref="ApplyAsync"/>.</exception>
    Task<T> ApplyStatusAsync(T obj, ApplyOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// WATCH as a stream of events, read line by line. The enumeration ends normally when the server closes the
    /// stream (e.g. at <see cref="ListOptions.TimeoutSeconds"/>) and when <paramref name="cancellationToken"/> is
    /// cancelled. No client timeout applies.
    /// </summary>
    /// <exception cref="KubeApiException">
    /// A non-2xx answer, or an ERROR event: its Status is carried, so a too-old resourceVersion (HTTP 200 with an
    /// ERROR event holding a 410 Expired Status) surfaces as <see cref="KubeApiException.IsGone"/>: relist.
    /// </exception>
    /// <exception cref="WatchStreamException">The connection was cut (possibly mid-line) or sent a line that is not an event: restart the watch.</exception>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace, ListOptions? options = null, CancellationToken cancellationToken = default);
}
