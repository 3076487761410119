using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using Ladder.ControllerRuntime.Errors;

namespace Ladder.ControllerRuntime.Cache;

/// <summary>
/// The LIST and WATCH calls of one resource, for an <see cref="Informer{T}"/> (client-go <c>tools/cache.ListWatch</c>).
/// Create one with <see cref="ListWatch"/>'s factories over <see cref="IKubernetes"/>. API errors come out as
/// <see cref="ApiStatusException"/>, whether the server refused the request or sent an <c>ERROR</c> event on the
/// watch stream (which KubernetesClient hands to a callback instead of throwing): a 410 Expired from either is
/// <see cref="ApiStatusException.IsGone"/>.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class ListWatch<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Func<ListRequest, CancellationToken, Task<ListPage<T>>> _list;
    private readonly Func<ListRequest, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Object)>> _watch;

    /// <summary>Creates the adapter from the two calls.</summary>
    /// <param name="resource">The resource both calls address.</param>
    /// <param name="list">Lists one page.</param>
    /// <param name="watch">
    /// Opens a watch (as KubernetesClient's <c>WatchAsync</c> extension): yields events, ends when the server closes
    /// the stream, and reports an <c>ERROR</c> event or an unreadable line to the callback.
    /// </param>
    public ListWatch(
        ResourceKind resource,
        Func<ListRequest, CancellationToken, Task<ListPage<T>>> list,
        Func<ListRequest, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Object)>> watch)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(watch);
        Resource = resource;
        _list = list;
        _watch = watch;
    }

    /// <summary>The resource listed and watched.</summary>
    public ResourceKind Resource { get; }

    /// <summary>LISTs one page.</summary>
    /// <exception cref="ApiStatusException">The server refused; 410 <see cref="ApiStatusException.IsGone"/> when the continue token expired.</exception>
    public async Task<ListPage<T>> ListAsync(ListRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _list(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiStatusException.Translate(e) is ApiStatusException api)
        {
            throw api;
        }
    }

    /// <summary>
    /// WATCHes from <see cref="ListRequest.ResourceVersion"/>: yields events until the server closes the stream or
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <exception cref="ApiStatusException">The server refused the watch, or sent an ERROR event (410 Expired: relist).</exception>
    /// <exception cref="System.Text.Json.JsonException">A line was not a watch event (e.g. the connection was cut mid-line).</exception>
    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(ListRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // KubernetesClient reports an ERROR event to onError and reads on: stop reading at the first one and throw it.
        Exception? reported = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnError(Exception e)
        {
            reported ??= e;
            stop.Cancel();
        }

        var events = _watch(request, OnError, stop.Token).GetAsyncEnumerator(stop.Token);
        await using (events.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (reported is not null)
                {
                    more = false;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    throw ApiStatusException.Translate(e);
                }

                if (reported is not null)
                {
                    throw ApiStatusException.Translate(reported);
                }

                if (!more)
                {
                    yield break;
                }

                yield return events.Current;
            }
        }
    }
}
