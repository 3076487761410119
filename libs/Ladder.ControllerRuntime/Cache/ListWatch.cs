using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Ladder.ControllerRuntime.Cache;

/// <summary>
/// Builds <see cref="ListWatch{T}"/>s over KubernetesClient's <see cref="IKubernetes"/>: the generated
/// <c>List*WithHttpMessagesAsync</c> call of a kind serves both the LIST and (with <c>watch: true</c>, through
/// KubernetesClient's <c>WatchAsync&lt;T, TList&gt;</c>) the WATCH. One delegate per built-in kind;
/// <see cref="Custom{T}"/> serves any kind with <c>[KubernetesEntity]</c> through <c>CustomObjects</c>.
/// </summary>
public static class ListWatch
{
    /// <summary>A call of the generated API: the request, <c>watch</c> (true for a WATCH; null for a LIST, which then sends no <c>watch</c> parameter, as client-go), the token.</summary>
    /// <typeparam name="TList">The list type answered, e.g. <see cref="V1DeploymentList"/>.</typeparam>
    public delegate Task<HttpOperationResponse<TList>> ListCall<TList>(ListRequest request, bool? watch, CancellationToken cancellationToken);

    /// <summary>Wraps one generated list call (namespaced or across namespaces) as LIST and WATCH.</summary>
    /// <typeparam name="T">The object type.</typeparam>
    /// <typeparam name="TList">Its list type.</typeparam>
    /// <param name="resource">The resource the call addresses.</param>
    /// <param name="call">The call; it chooses the namespaced or all-namespaces variant from <see cref="ListRequest.Namespace"/>.</param>
    public static ListWatch<T> Create<T, TList>(ResourceKind resource, ListCall<TList> call)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TList : IItems<T>, IMetadata<V1ListMeta>
    {
        ArgumentNullException.ThrowIfNull(call);
        return new ListWatch<T>(
            resource,
            async (request, cancellationToken) =>
            {
                using var response = await call(request, null, cancellationToken).ConfigureAwait(false);
                var list = response.Body;
                return new ListPage<T>([.. list.Items ?? []], list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty);
            },
            (request, onError, cancellationToken) =>
            {
                // Marked obsolete in favour of the per-kind WatchList*Async, whose CustomObjects variant yields untyped
                // objects; this is the one watch that is typed for any kind and shares the list call's parameters.
#pragma warning disable CS0618
                return call(request, true, cancellationToken).WatchAsync<T, TList>(onError, cancellationToken);
#pragma warning restore CS0618
            });
    }

    /// <summary>apps/v1 Deployments.</summary>
    public static ListWatch<V1Deployment> Deployments(IKubernetes kubernetes) => Create<V1Deployment, V1DeploymentList>(ResourceKind.For<V1Deployment>(), (r, watch, ct) => r.Namespace is null
        ? kubernetes.AppsV1.ListDeploymentForAllNamespacesWithHttpMessagesAsync(r.AllowWatchBookmarks, r.Continue, r.FieldSelector, r.LabelSelector, r.Limit, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: watch, cancellationToken: ct)
        : kubernetes.AppsV1.ListNamespacedDeploymentWithHttpMessagesAsync(r.Namespace, r.AllowWatchBookmarks, r.Continue, r.FieldSelector, r.LabelSelector, r.Limit, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: watch, cancellationToken: ct));

    /// <summary>core/v1 Services.</summary>
    public static ListWatch<V1Service> Services(IKubernetes kubernetes) => Create<V1Service, V1ServiceList>(ResourceKind.For<V1Service>(), (r, watch, ct) => r.Namespace is null
        ? kubernetes.CoreV1.ListServiceForAllNamespacesWithHttpMessagesAsync(r.AllowWatchBookmarks, r.Continue, r.FieldSelector, r.LabelSelector, r.Limit, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: watch, cancellationToken: ct)
        : kubernetes.CoreV1.ListNamespacedServiceWithHttpMessagesAsync(r.Namespace, r.AllowWatchBookmarks, r.Continue, r.FieldSelector, r.LabelSelector, r.Limit, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: watch, cancellationToken: ct));

    /// <summary>core/v1 Secrets.</summary>
    public static ListWatch<V1Secret> Secrets(IKubernetes kubernetes) => Create<V1Secret, V1SecretList>(ResourceKind.For<V1Secret>(), (r, watch, ct) => r.Namespace is null
        ? kubernetes.CoreV1.ListSecretForAllNamespacesWithHttpMessagesAsync(r.AllowWatchBookmarks, r.Continue, r.FieldSelector, r.LabelSelector, r.Limit, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: watch, cancellationToken: ct)
        : kubernetes.CoreV1.ListNamespacedSecretWithHttpMessagesAsync(r.Namespace, r.AllowWatchBookmarks, r.Continue, r.FieldSelector, r.LabelSelector, r.Limit, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: watch, cancellationToken: ct));

    /// <summary>core/v1 Pods.</summary>
    public static ListWatch<V1Pod> Pods(IKubernetes kubernetes) => Create<V1Pod, V1PodList>(ResourceKind.For<V1Pod>(), (r, watch, ct) => r.Namespace is null
        ? kubernetes.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(r.AllowWatchBookmarks, r.Continue, r.FieldSelector, r.LabelSelector, r.Limit, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: watch, cancellationToken: ct)
        : kubernetes.CoreV1.ListNamespacedPodWithHttpMessagesAsync(r.Namespace, r.AllowWatchBookmarks, r.Continue, r.FieldSelector, r.LabelSelector, r.Limit, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: watch, cancellationToken: ct));

    /// <summary>
    /// A custom resource through <c>CustomObjects</c>: group, version and plural from <typeparamref name="T"/>'s
    /// <c>[KubernetesEntity]</c>.
    /// </summary>
    /// <param name="kubernetes">The client.</param>
    /// <param name="namespaced">False for a cluster-scoped resource.</param>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> has no <c>[KubernetesEntity]</c>.</exception>
    public static ListWatch<T> Custom<T>(IKubernetes kubernetes, bool namespaced = true)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        var kind = ResourceKind.For<T>(namespaced);
        return Create<T, KubernetesList<T>>(kind, (r, watch, ct) => r.Namespace is null || !kind.Namespaced
            ? kubernetes.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(kind.Group, kind.Version, kind.Plural, r.AllowWatchBookmarks, r.Continue, r.FieldSelector, r.LabelSelector, r.Limit, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: watch, cancellationToken: ct)
            : kubernetes.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(kind.Group, kind.Version, r.Namespace, kind.Plural, r.AllowWatchBookmarks, r.Continue, r.FieldSelector, r.LabelSelector, r.Limit, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: watch, cancellationToken: ct));
    }
}
