using k8s;
using k8s.Models;
using Ladder.ControllerRuntime.Errors;
using Ladder.ControllerRuntime.Logging;
using Ladder.ControllerRuntime.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ladder.ControllerRuntime.Cache;

/// <summary>
/// Keeps a <see cref="Store{T}"/> in step with the API server and notifies handlers (client-go
/// <c>SharedIndexInformer</c> over <c>tools/cache/reflector.go</c>): a paged LIST, then a WATCH from the list's
/// resourceVersion with bookmarks; the last resourceVersion seen (bookmarks included) is kept, and the watch is
/// re-opened from it when the server closes the stream. A 410 Gone (HTTP or an ERROR event) relists at once;
/// other failures back off with jitter (800 ms doubling to 30 s by default, reset after a healthy watch).
/// Cancellation is a normal stop, not an error.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class Informer<T>
    where T : class, k8s.IKubernetesObject<V1ObjectMeta>
{
    private readonly ListWatch<T> _listWatch;
    private readonly string _resourceName;
    private readonly InformerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ControllerRuntimeMetrics? _metrics;
    private readonly Lock _dispatch = new();
    private readonly List<IResourceEventHandler<T>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _watchRestarts;

    /// <summary>Creates an informer; nothing happens until <see cref="RunAsync"/>.</summary>
    /// <param name="listWatch">The LIST and WATCH calls, e.g. <see cref="ListWatch.Custom{T}"/>.</param>
    /// <param name="options">Namespace, selectors, resync and backoff; defaults when null.</param>
    /// <param name="time">The clock for backoff and resync; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Logs list/watch failures; none when null.</param>
    /// <param name="metrics">Counts <c>informer_watch_restarts_total</c>; none when null.</param>
    public Informer(ListWatch<T> listWatch, InformerOptions? options = null, TimeProvider? time = null, ILogger? logger = null, ControllerRuntimeMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(listWatch);
        _listWatch = listWatch;
        _resourceName = listWatch.Resource.Plural;
        _options = options ?? new InformerOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
    }

    /// <summary>The resource being informed on.</summary>
    public ResourceKind Resource => _listWatch.Resource;

    /// <summary>The indexed cache; read it from reconcilers, never change the objects in it.</summary>
    public Store<T> Store { get; } = new();

    /// <summary>True once the first LIST has been delivered to the store and the handlers.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resourceVersion the next watch resumes from (list, event or bookmark); null before the first list.</summary>
    public string? LastSyncResourceVersion { get; private set; }

    /// <summary>How many times the watch was re-opened or the resource relisted after the first list.</summary>
    public long WatchRestarts => Interlocked.Read(ref _watchRestarts);

    /// <summary>Adds a handler; objects already cached are delivered to it as adds first.</summary>
    public void AddEventHandler(IResourceEventHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_dispatch)
        {
            _handlers.Add(handler);
            foreach (var obj in Store.List())
            {
                handler.OnAdd(obj);
            }
        }
    }

    /// <summary>Waits until <see cref="HasSynced"/>; returns false when <paramref name="cancellationToken"/> is cancelled first.</summary>
    public async Task<bool> WaitForCacheSyncAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _synced.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Lists, watches and resyncs until <paramref name="cancellationToken"/> is cancelled; then returns normally.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var resync = ResyncLoopAsync(cancellationToken);
        var backoff = _options.InitialBackoff;
        var needList = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    await ListAsync(cancellationToken).ConfigureAwait(false);
                    needList = false;
                }

                await WatchAsync(cancellationToken).ConfigureAwait(false);
                backoff = _options.InitialBackoff;
                CountRestart();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (ApiStatusException e) when (e.IsGone)
            {
                _logger.InformerExpired(e, _resourceName, LastSyncResourceVersion);
                needList = true;
                CountRestart();
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = Jitter(backoff);
                var phase = needList ? "list" : "watch";
                _logger.InformerFailed(e, _resourceName, phase, delay);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
                CountRestart();
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await resync.ConfigureAwait(false);
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? resourceVersion = null;
        string? continueToken = null;
        do
        {
            var page = await _listWatch.ListAsync(new ListRequest
            {
                Namespace = _options.Namespace,
                LabelSelector = _options.LabelSelector,
                FieldSelector = _options.FieldSelector,
                Limit = _options.PageSize,
                Continue = continueToken,
            }, cancellationToken).ConfigureAwait(false);
            resourceVersion ??= page.ResourceVersion;
            items.AddRange(page.Items);
            continueToken = string.IsNullOrEmpty(page.Continue) ? null : page.Continue;
        }
        while (continueToken is not null);

        lock (_dispatch)
        {
            var previous = Store.List().ToDictionary(ObjectKey.From);
            var dropped = Store.Replace(items);
            foreach (var obj in items)
            {
                if (previous.TryGetValue(ObjectKey.From(obj), out var old))
                {
                    Notify(h => h.OnUpdate(old, obj));
                }
                else
                {
                    Notify(h => h.OnAdd(obj));
                }
            }

            foreach (var obj in dropped)
            {
                Notify(h => h.OnDelete(obj, finalStateUnknown: true));
            }

            LastSyncResourceVersion = resourceVersion;
        }

        _synced.TrySetResult();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var timeout = _options.MinWatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble());
        var request = new ListRequest
        {
            Namespace = _options.Namespace,
            LabelSelector = _options.LabelSelector,
            FieldSelector = _options.FieldSelector,
            ResourceVersion = LastSyncResourceVersion,
            AllowWatchBookmarks = true,
            TimeoutSeconds = (int)Math.Max(1, timeout),
        };
        await foreach (var (type, obj) in _listWatch.WatchAsync(request, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            lock (_dispatch)
            {
                Apply(type, obj);
                LastSyncResourceVersion = obj.Metadata?.ResourceVersion ?? LastSyncResourceVersion;
            }
        }
    }

    private void Apply(WatchEventType type, T obj)
    {
        switch (type)
        {
            case WatchEventType.Added:
            case WatchEventType.Modified:
                var old = Store.Upsert(obj);
                if (old is null)
                {
                    Notify(h => h.OnAdd(obj));
                }
                else
                {
                    Notify(h => h.OnUpdate(old, obj));
                }

                break;
            case WatchEventType.Deleted:
                Store.Delete(ObjectKey.From(obj));
                Notify(h => h.OnDelete(obj, finalStateUnknown: false));
                break;
            case WatchEventType.Bookmark:
                break;
        }
    }

    private async Task ResyncLoopAsync(CancellationToken cancellationToken)
    {
        if (_options.ResyncPeriod is not { } period || period <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            while (true)
            {
                await Task.Delay(period, _time, cancellationToken).ConfigureAwait(false);
                lock (_dispatch)
                {
                    foreach (var obj in Store.List())
                    {
                        Notify(h => h.OnUpdate(obj, obj));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Notify(Action<IResourceEventHandler<T>> call)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                call(handler);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _logger.HandlerFailed(e, _resourceName);
            }
        }
    }

    private void CountRestart()
    {
        Interlocked.Increment(ref _watchRestarts);
        _metrics?.WatchRestarts.WithLabels(_resourceName).Inc();
    }

    private static TimeSpan Jitter(TimeSpan backoff) => backoff + TimeSpan.FromTicks((long)(backoff.Ticks * Random.Shared.NextDouble()));
}
