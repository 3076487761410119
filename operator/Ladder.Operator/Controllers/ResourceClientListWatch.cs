using System.Runtime.CompilerServices;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Errors;
using Ladder.Kubernetes;
using Ladder.Kubernetes.Errors;

namespace Ladder.Operator.Controllers;

/// <summary>
/// Feeds an informer from one of <c>libs/Ladder.Kubernetes</c>' typed clients while the operator's built-in kinds are
/// still its models (issue 12 moves them to KubernetesClient's, whose informers use <see cref="ListWatch"/>'s factories).
/// A <see cref="KubeApiException"/> becomes the <see cref="ApiStatusException"/> the informer reads (410: relist).
/// </summary>
internal static class ResourceClientListWatch
{
    /// <summary>The LIST and WATCH of <paramref name="client"/>.</summary>
    public static ListWatch<T> ToListWatch<T>(this IResourceClient<T> client)
        where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>
    {
        var r = client.Resource;
        return new ListWatch<T>(
            new ResourceKind(r.Group, r.Version, r.Kind, r.Plural, r.Namespaced),
            async (request, cancellationToken) =>
            {
                try
                {
                    var page = await client.ListAsync(request.Namespace, Options(request), cancellationToken).ConfigureAwait(false);
                    return new ListPage<T>([.. page.Items], page.Metadata.ResourceVersion, page.Metadata.Continue);
                }
                catch (KubeApiException e)
                {
                    throw Translate(e);
                }
            },
            (request, _, cancellationToken) => WatchAsync(client, request, cancellationToken));
    }

    private static async IAsyncEnumerable<(k8s.WatchEventType, T)> WatchAsync<T>(IResourceClient<T> client, ListRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>
    {
        var events = client.WatchAsync(request.Namespace, Options(request), cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (events.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (KubeApiException e)
                {
                    throw Translate(e);
                }

                var type = events.Current.Type switch
                {
                    Kubernetes.Watch.WatchEventType.Added => k8s.WatchEventType.Added,
                    Kubernetes.Watch.WatchEventType.Modified => k8s.WatchEventType.Modified,
                    Kubernetes.Watch.WatchEventType.Deleted => k8s.WatchEventType.Deleted,
                    _ => k8s.WatchEventType.Bookmark,
                };
                yield return (type, events.Current.Object);
            }
        }
    }

    private static ListOptions Options(ListRequest request) => new()
    {
        LabelSelector = request.LabelSelector,
        FieldSelector = request.FieldSelector,
        Limit = request.Limit,
        Continue = request.Continue,
        ResourceVersion = request.ResourceVersion,
        AllowWatchBookmarks = request.AllowWatchBookmarks == true,
        TimeoutSeconds = request.TimeoutSeconds,
    };

    private static ApiStatusException Translate(KubeApiException e) =>
        new(new k8s.Models.V1Status { Code = e.Status.Code, Reason = e.Status.Reason, Message = e.Status.Message }, e);
}
