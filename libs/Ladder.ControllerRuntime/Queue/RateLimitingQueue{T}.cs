using Ladder.ControllerRuntime.Metrics;

namespace Ladder.ControllerRuntime.Queue;

/// <summary>
/// A <see cref="WorkQueue{T}"/> with delayed adds and rate-limited retries (client-go
/// <c>TypedRateLimitingInterface</c> over <c>delaying_queue.go</c>). Delayed items wait in a heap ordered by
/// ready time, driven by <see cref="TimeProvider"/> timers; an item waiting twice keeps the earlier time.
/// Thread-safe.
/// </summary>
/// <typeparam name="T">The item type, e.g. <see cref="ObjectKey"/>.</typeparam>
public sealed class RateLimitingQueue<T> : IDisposable
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly WorkQueue<T> _queue;
    private readonly IRateLimiter<T> _rateLimiter;
    private readonly TimeProvider _time;
    private readonly ControllerRuntimeMetrics? _metrics;
    private readonly PriorityQueue<T, long> _waiting = new();
    private readonly Dictionary<T, long> _readyAt = [];
    private readonly ITimer _timer;

    /// <summary>Creates the queue.</summary>
    /// <param name="name">The queue's name (the <c>name</c> label of the <c>workqueue_*</c> metrics).</param>
    /// <param name="rateLimiter">Decides retry delays; <see cref="RateLimiters.DefaultController{T}"/> when null.</param>
    /// <param name="time">The clock for delays; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="metrics">Where to record metrics; none when null.</param>
    public RateLimitingQueue(string name, IRateLimiter<T>? rateLimiter = null, TimeProvider? time = null, ControllerRuntimeMetrics? metrics = null)
    {
        _time = time ?? TimeProvider.System;
        _queue = new WorkQueue<T>(name, _time, metrics);
        _rateLimiter = rateLimiter ?? RateLimiters.DefaultController<T>(_time);
        _metrics = metrics;
        _timer = _time.CreateTimer(_ => PromoteReady(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The queue's name.</summary>
    public string Name => _queue.Name;

    /// <summary>Items ready to be handed out (not those delayed or being processed).</summary>
    public int Count => _queue.Count;

    /// <summary>True once the queue was shut down.</summary>
    public bool IsShuttingDown => _queue.IsShuttingDown;

    /// <inheritdoc cref="WorkQueue{T}.Add"/>
    public void Add(T item) => _queue.Add(item);

    /// <summary>Adds <paramref name="item"/> once <paramref name="delay"/> has passed (at once when zero or negative); ignored after shutdown.</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (_queue.IsShuttingDown)
        {
            return;
        }

        if (delay <= TimeSpan.Zero)
        {
            _queue.Add(item);
            return;
        }

        lock (_gate)
        {
            var readyAt = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);
            if (_readyAt.TryGetValue(item, out var existing) && existing <= readyAt)
            {
                return;
            }

            _readyAt[item] = readyAt;
            _waiting.Enqueue(item, readyAt);
            Arm();
        }
    }

    /// <summary>Adds <paramref name="item"/> after the delay the rate limiter gives for its next failure; counts a retry.</summary>
    public void AddRateLimited(T item)
    {
        _metrics?.QueueRetries.WithLabels(Name).Inc();
        AddAfter(item, _rateLimiter.When(item));
    }

    /// <summary>Resets the item's failure count in the rate limiter (call after it succeeded); does not remove it from the queue.</summary>
    public void Forget(T item) => _rateLimiter.Forget(item);

    /// <summary>How many rate-limited retries of <paramref name="item"/> happened since it was last forgotten.</summary>
    public int NumRequeues(T item) => _rateLimiter.NumRequeues(item);

    /// <inheritdoc cref="WorkQueue{T}.GetAsync"/>
    public ValueTask<(T Item, bool Shutdown)> GetAsync(CancellationToken cancellationToken = default) => _queue.GetAsync(cancellationToken);

    /// <inheritdoc cref="WorkQueue{T}.Done"/>
    public void Done(T item) => _queue.Done(item);

    /// <summary>Shuts the queue down and drops delayed items; does not wait for items being processed.</summary>
    public void ShutDown()
    {
        StopDelaying();
        _queue.ShutDown();
    }

    /// <summary>Shuts the queue down, drops delayed items and waits until every item handed out is <see cref="Done"/>.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="OperationCanceledException">Cancelled before the drain ended.</exception>
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken = default)
    {
        StopDelaying();
        return _queue.ShutDownWithDrainAsync(cancellationToken);
    }

    /// <summary>Stops the delay timer (the queue is shut down).</summary>
    public void Dispose()
    {
        ShutDown();
        _timer.Dispose();
    }

    private void StopDelaying()
    {
        lock (_gate)
        {
            _waiting.Clear();
            _readyAt.Clear();
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void PromoteReady()
    {
        var ready = new List<T>();
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            while (_waiting.TryPeek(out var item, out var readyAt) && readyAt <= now)
            {
                _waiting.Dequeue();
                if (_readyAt.TryGetValue(item, out var current) && current == readyAt)
                {
                    _readyAt.Remove(item);
                    ready.Add(item);
                }
            }

            Arm();
        }

        foreach (var item in ready)
        {
            _queue.Add(item);
        }
    }

    private void Arm()
    {
        while (_waiting.TryPeek(out var item, out var readyAt) && (!_readyAt.TryGetValue(item, out var current) || current != readyAt))
        {
            _waiting.Dequeue();
        }

        if (_waiting.TryPeek(out _, out var next))
        {
            var due = _time.GetElapsedTime(_time.GetTimestamp(), next);
            _timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }
}
