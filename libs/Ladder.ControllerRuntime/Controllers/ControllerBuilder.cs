using k8s;
using k8s.Models;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Metrics;
using Ladder.ControllerRuntime.Queue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ladder.ControllerRuntime.Controllers;

/// <summary>
/// Wires informers to a controller's queue (controller-runtime <c>builder.ControllerManagedBy</c>):
/// <see cref="For{T}"/> enqueues the object's own key, <see cref="Owns{T}"/> the key of its controller owner,
/// <see cref="Watches{T}"/> whatever keys a map returns (e.g. every LiveStream naming a changed TranscodeProfile);
/// <see cref="WatchesSource"/> adds keys from outside the API server.
/// </summary>
public sealed class ControllerBuilder
{
    private readonly string _name;
    private readonly IReconciler _reconciler;
    private readonly List<Action<RateLimitingQueue<ObjectKey>>> _sources = [];
    private readonly List<ISource> _rawSources = [];
    private ResourceKind? _for;
    private int _workers = 1;
    private IRateLimiter<ObjectKey>? _rateLimiter;
    private TimeProvider? _time;
    private ILogger? _logger;
    private ControllerRuntimeMetrics? _metrics;

    /// <summary>Starts a controller named <paramref name="name"/> around <paramref name="reconciler"/>.</summary>
    /// <param name="name">The controller's name, e.g. <c>livestream</c> (metric label and queue name).</param>
    /// <param name="reconciler">The reconciler.</param>
    public ControllerBuilder(string name, IReconciler reconciler)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(reconciler);
        _name = name;
        _reconciler = reconciler;
    }

    /// <summary>Reconciles objects of the informer's resource: each change enqueues the object's own key.</summary>
    /// <exception cref="InvalidOperationException">Called twice.</exception>
    public ControllerBuilder For<T>(Informer<T> informer)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(informer);
        if (_for is not null)
        {
            throw new InvalidOperationException($"Controller '{_name}' already reconciles {_for.Kind}: call For<T>() once.");
        }

        _for = informer.Resource;
        return Watches(informer, static obj => [ObjectKey.From(obj)]);
    }

    /// <summary>
    /// Watches objects this controller creates: each change enqueues the owner named by the object's
    /// ownerReference with <c>controller: true</c>, whose kind and API group match the <see cref="For{T}"/> resource.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="For{T}"/> was not called first.</exception>
    public ControllerBuilder Owns<T>(Informer<T> informer)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        var owner = _for ?? throw new InvalidOperationException($"Controller '{_name}': call For<T>() before Owns<T>() so owner references can be matched.");
        return Watches(informer, obj => OwnerKeys(obj, owner));
    }

    /// <summary>Watches any objects: each change enqueues the keys <paramref name="map"/> returns for it (old and new state on updates).</summary>
    public ControllerBuilder Watches<T>(Informer<T> informer, Func<T, IEnumerable<ObjectKey>> map)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(informer);
        ArgumentNullException.ThrowIfNull(map);
        _sources.Add(queue => informer.AddEventHandler(new EnqueueHandler<T>(queue, map)));
        return this;
    }

    /// <summary>Adds a source that is not an informer (controller-runtime <c>WatchesRawSource</c>); it runs while the controller runs.</summary>
    public ControllerBuilder WatchesSource(ISource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _rawSources.Add(source);
        return this;
    }

    /// <summary>Sets how many keys are reconciled concurrently (default 1).</summary>
    public ControllerBuilder WithWorkers(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _workers = workers;
        return this;
    }

    /// <summary>Replaces the default controller rate limiter (5 ms–1000 s per item, 10 qps burst 100 overall).</summary>
    public ControllerBuilder WithRateLimiter(IRateLimiter<ObjectKey> rateLimiter)
    {
        _rateLimiter = rateLimiter ?? throw new ArgumentNullException(nameof(rateLimiter));
        return this;
    }

    /// <summary>Sets the clock, logger and metrics (all optional).</summary>
    public ControllerBuilder With(TimeProvider? time = null, ILogger? logger = null, ControllerRuntimeMetrics? metrics = null)
    {
        _time = time ?? _time;
        _logger = logger ?? _logger;
        _metrics = metrics ?? _metrics;
        return this;
    }

    /// <summary>Creates the controller and connects the informers to its queue.</summary>
    /// <exception cref="InvalidOperationException">No informer was given.</exception>
    public Controller Build()
    {
        if (_sources.Count == 0 && _rawSources.Count == 0)
        {
            throw new InvalidOperationException($"Controller '{_name}' watches nothing: call For<T>(), Owns<T>(), Watches<T>() or WatchesSource() before Build().");
        }

        var queue = new RateLimitingQueue<ObjectKey>(_name, _rateLimiter, _time, _metrics);
        foreach (var connect in _sources)
        {
            connect(queue);
        }

        return new Controller(_name, _reconciler, _workers, queue, [.. _rawSources], _logger ?? NullLogger.Instance, _metrics);
    }

    private static IEnumerable<ObjectKey> OwnerKeys(IKubernetesObject<V1ObjectMeta> obj, ResourceKind owner)
    {
        foreach (var reference in obj.Metadata.OwnerReferences ?? [])
        {
            var slash = reference.ApiVersion.IndexOf('/', StringComparison.Ordinal);
            var group = slash < 0 ? "" : reference.ApiVersion[..slash];
            if (reference.Controller == true && reference.Kind == owner.Kind && group == owner.Group)
            {
                yield return new ObjectKey(owner.Namespaced ? obj.Metadata.NamespaceProperty : null, reference.Name);
            }
        }
    }
}
