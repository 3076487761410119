using Ladder.ControllerRuntime.Metrics;

namespace Ladder.ControllerRuntime.Queue;

/// <summary>
/// A FIFO work queue with client-go's guarantees (<c>util/workqueue/queue.go</c>): an item waiting in the queue
/// is added only once (adds collapse); an item being processed is never handed out again until
/// <see cref="Done"/>, and an add while it is processing marks it dirty so that <see cref="Done"/> re-queues it.
/// So one item never runs on two workers at once. Thread-safe.
/// </summary>
/// <typeparam name="T">The item type, compared with its default equality (e.g. a <c>namespace/name</c> key).</typeparam>
public sealed class WorkQueue<T> : IWorkQueueProbe
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _dirty = [];
    private readonly Dictionary<T, long> _processing = [];
    private readonly Dictionary<T, long> _queuedAt = [];
    private readonly Queue<TaskCompletionSource<(T Item, bool Shutdown)>> _waiters = new();
    private readonly TimeProvider _time;
    private readonly ControllerRuntimeMetrics? _metrics;
    private TaskCompletionSource? _drained;
    private bool _shuttingDown;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="name">The queue's name, the <c>name</c> label of the <c>workqueue_*</c> metrics.</param>
    /// <param name="time">The clock for latency metrics; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="metrics">Where to record <c>workqueue_*</c> metrics; none when null.</param>
    public WorkQueue(string name, TimeProvider? time = null, ControllerRuntimeMetrics? metrics = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _time = time ?? TimeProvider.System;
        _metrics = metrics;
        metrics?.Register(this);
    }

    /// <summary>The queue's name.</summary>
    public string Name { get; }

    /// <summary>Items waiting to be handed out (not counting those being processed).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>True once <see cref="ShutDown"/> or <see cref="ShutDownWithDrainAsync"/> was called.</summary>
    public bool IsShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="item"/> unless it is already waiting; if it is being processed it is queued again at
    /// <see cref="Done"/>. Ignored after shutdown.
    /// </summary>
    public void Add(T item)
    {
        lock (_gate)
        {
            if (_shuttingDown || !_dirty.Add(item))
            {
                return;
            }

            _metrics?.QueueAdds.WithLabels(Name).Inc();
            if (!_processing.ContainsKey(item))
            {
                Enqueue(item);
            }
        }
    }

    /// <summary>
    /// Waits for the next item and marks it as processing; the caller must call <see cref="Done"/> with it.
    /// After shutdown, items still queued are handed out, then <c>Shutdown</c> is true (and <c>Item</c> is default).
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public async ValueTask<(T Item, bool Shutdown)> GetAsync(CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<(T Item, bool Shutdown)> waiter;
        lock (_gate)
        {
            if (_queue.Count > 0)
            {
                return (Take(), false);
            }

            if (_shuttingDown)
            {
                return (default!, true);
            }

            waiter = new TaskCompletionSource<(T Item, bool Shutdown)>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
        }

        await using var registration = cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)).ConfigureAwait(false);
        return await waiter.Task.ConfigureAwait(false);
    }

    /// <summary>Marks <paramref name="item"/> as processed; if it was added meanwhile it is queued again.</summary>
    public void Done(T item)
    {
        lock (_gate)
        {
            if (_processing.Remove(item, out var started))
            {
                _metrics?.WorkDuration.WithLabels(Name).Observe(_time.GetElapsedTime(started).TotalSeconds);
            }

            if (_dirty.Contains(item))
            {
                Enqueue(item);
            }
            else if (_processing.Count == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }

    /// <summary>Stops accepting adds and releases waiting <see cref="GetAsync"/> calls once the queue is empty; does not wait.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            _shuttingDown = true;
            while (_waiters.TryDequeue(out var waiter))
            {
                waiter.TrySetResult((default!, true));
            }

            _metrics?.Unregister(this);
        }
    }

    /// <summary>
    /// Shuts down like <see cref="ShutDown"/>, then waits until every item handed out has been marked
    /// <see cref="Done"/> (client-go <c>ShutDownWithDrain</c>).
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (the queue stays shut down).</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the drain ended.</exception>
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken = default)
    {
        Task drained;
        lock (_gate)
        {
            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_processing.Count == 0)
            {
                _drained.TrySetResult();
            }

            drained = _drained.Task;
        }

        ShutDown();
        return drained.WaitAsync(cancellationToken);
    }

    (double UnfinishedSeconds, double LongestSeconds) IWorkQueueProbe.MeasureProcessing()
    {
        lock (_gate)
        {
            double total = 0, longest = 0;
            foreach (var started in _processing.Values)
            {
                var seconds = _time.GetElapsedTime(started).TotalSeconds;
                total += seconds;
                longest = Math.Max(longest, seconds);
            }

            return (total, longest);
        }
    }

    private void Enqueue(T item)
    {
        _queue.Enqueue(item);
        _queuedAt[item] = _time.GetTimestamp();
        _metrics?.QueueDepth.WithLabels(Name).Inc();
        while (_queue.Count > 0 && _waiters.TryDequeue(out var waiter))
        {
            var next = _queue.Peek();
            if (waiter.TrySetResult((next, false)))
            {
                Take();
            }
        }
    }

    private T Take()
    {
        var item = _queue.Dequeue();
        _metrics?.QueueDepth.WithLabels(Name).Dec();
        var now = _time.GetTimestamp();
        if (_queuedAt.Remove(item, out var queuedAt))
        {
            _metrics?.QueueLatency.WithLabels(Name).Observe(_time.GetElapsedTime(queuedAt, now).TotalSeconds);
        }

        _processing[item] = now;
        _dirty.Remove(item);
        return item;
    }
}
