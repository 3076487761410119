using System.Globalization;
using System.Text;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Ladder.ControllerRuntime.Errors;
using Ladder.ControllerRuntime.Logging;
using Ladder.ControllerRuntime.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ladder.ControllerRuntime.Events;

/// <summary>
/// Writes events.k8s.io/v1 Events with the semantics of client-go <c>tools/events</c>: each Event carries
/// <c>eventTime</c> (MicroTime), <c>reportingController</c>, <c>reportingInstance</c> and a <c>regarding</c> reference,
/// and is named <c>{regarding name}.{hex nanoseconds}</c> in the regarding object's namespace (<c>default</c> for
/// cluster-scoped objects). Isomorphic repeats (same regarding object, type, reason, action, note and related object)
/// seen within <see cref="EventRecorderOptions.SeriesWindow"/> of the last occurrence update the first Event's
/// <c>series</c> {count, lastObservedTime} with a merge patch instead of creating new Events. Written through
/// KubernetesClient's <c>EventsV1.CreateNamespacedEventAsync</c> and <c>PatchNamespacedEventAsync</c> as
/// <see cref="Eventsv1Event"/>; MicroTimes never fall on a whole second (see <see cref="MicroTime.Sendable"/>). The regarding object's
/// resourceVersion is referenced but not part of the identity, so repeats across status updates still aggregate.
/// </summary>
/// <remarks>
/// <see cref="Record"/> never blocks and never throws for API failures: events go into a bounded queue drained by one
/// background writer. When the queue is full the event is dropped; so is one the server refuses (a 422 is logged with
/// its causes) or one still failing after <see cref="EventRecorderOptions.MaxAttempts"/>. Drops are counted in
/// <c>events_dropped_total{controller}</c>. Dispose to flush what is queued and stop the writer.
/// </remarks>
public sealed class EventRecorder : IEventRecorder, IAsyncDisposable
{
    private const int NoteLimitBytes = 1024;

    private readonly IKubernetes _kubernetes;
    private readonly EventRecorderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ControllerRuntimeMetrics? _metrics;
    private readonly Channel<object> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<SeriesKey, SeriesEntry> _series = [];
    private readonly Task _writer;
    private long _dropped;
    private long _lastNanos;
    private int _overflowing;
    private DateTimeOffset _lastPrune;

    /// <summary>Creates the recorder and starts its background writer.</summary>
    /// <param name="kubernetes">The client; events are written to events.k8s.io/v1.</param>
    /// <param name="options">The reporting controller and instance, queue size and series window.</param>
    /// <param name="time">The clock for eventTime, series and retries; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Logs dropped events; none when null.</param>
    /// <param name="metrics">Counts <c>events_dropped_total</c>; none when null.</param>
    public EventRecorder(IKubernetes kubernetes, EventRecorderOptions options, TimeProvider? time = null, ILogger? logger = null, ControllerRuntimeMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.ReportingController, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.ReportingInstance, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCapacity, 1, nameof(options));
        _kubernetes = kubernetes;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
        _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _writer = Task.Run(WriteLoopAsync, CancellationToken.None);
    }

    /// <summary>Events dropped so far (queue full, refused by the server, or out of retries).</summary>
    public long DroppedEvents => Interlocked.Read(ref _dropped);

    /// <summary>Replaces the unique part of new Event names (default: hex nanoseconds of the event time); tests pin it.</summary>
    internal Func<DateTimeOffset, string>? NameSuffix { get; set; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="regarding"/>, <paramref name="reason"/> or <paramref name="action"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="regarding"/> has no name.</exception>
    public void Record(IKubernetesObject<V1ObjectMeta> regarding, EventType type, string reason, string action, string? note = null, IKubernetesObject<V1ObjectMeta>? related = null)
    {
        ArgumentNullException.ThrowIfNull(regarding);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(action);
        if (string.IsNullOrEmpty(regarding.Metadata.Name))
        {
            throw new ArgumentException("The regarding object has no metadata.name; events must name the object they are about.", nameof(regarding));
        }

        var pending = new PendingEvent(Reference(regarding), related is null ? null : Reference(related), type, reason, action, Truncate(note ?? ""), _time.GetUtcNow());
        if (_queue.Writer.TryWrite(pending))
        {
            Volatile.Write(ref _overflowing, 0);
            return;
        }

        if (Interlocked.Exchange(ref _overflowing, 1) == 0)
        {
            _logger.EventQueueFull(_options.QueueCapacity, pending.Describe());
        }

        CountDropped();
    }

    /// <summary>Waits until every event recorded before this call has been written or dropped.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(done, cancellationToken).ConfigureAwait(false);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops accepting events, writes those already queued, then stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (item is TaskCompletionSource flush)
            {
                flush.TrySetResult();
                continue;
            }

            var pending = (PendingEvent)item;
            try
            {
                await WriteAsync(pending, _stop.Token).ConfigureAwait(false);
            }
            catch (ApiStatusException e) when (e.IsInvalid)
            {
                _logger.EventInvalid(e, pending.Describe(), string.Join("; ", (e.Status.Details?.Causes ?? []).Select(c => $"{c.Field}: {c.Message}")));
                CountDropped();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _logger.EventWriteFailed(e, pending.Describe());
                CountDropped();
            }
        }
    }

    private async Task WriteAsync(PendingEvent pending, CancellationToken cancellationToken)
    {
        Prune(pending.Time);
        var key = new SeriesKey(pending);
        if (_series.TryGetValue(key, out var entry) && pending.Time - entry.LastObserved <= _options.SeriesWindow)
        {
            entry.Count++;
            entry.LastObserved = pending.Time;
            try
            {
                var patch = new V1Patch(new { series = Series(entry) }, V1Patch.PatchType.MergePatch);
                await RetryAsync(pending, ct => _kubernetes.EventsV1.PatchNamespacedEventAsync(patch, entry.Name, entry.Namespace, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ApiStatusException e) when (e.IsNotFound)
            {
                // The Event expired (the API server keeps Events for 1 h by default): write the series again as a new Event.
            }
        }
        else
        {
            entry = new SeriesEntry(pending.Regarding.NamespaceProperty is { Length: > 0 } ns ? ns : "default", NewName(pending), pending.Time);
        }

        var created = new Eventsv1Event
        {
            ApiVersion = "events.k8s.io/v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = entry.Name },
            EventTime = MicroTime.Sendable(entry.FirstObserved),
            Series = entry.Count > 1 ? Series(entry) : null,
            ReportingController = _options.ReportingController,
            ReportingInstance = _options.ReportingInstance,
            Action = pending.Action,
            Reason = pending.Reason,
            Regarding = pending.Regarding,
            Related = pending.Related,
            Note = pending.Note,
            Type = pending.Type.ToString(),
        };
        _series.Remove(key);
        await RetryAsync(pending, ct => _kubernetes.EventsV1.CreateNamespacedEventAsync(created, entry.Namespace, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        _series[key] = entry;
    }

    private static Eventsv1EventSeries Series(SeriesEntry entry) => new() { Count = entry.Count, LastObservedTime = MicroTime.Sendable(entry.LastObserved) };

    /// <summary>Sends with retries on transient failures; API refusals come out as <see cref="ApiStatusException"/>.</summary>
    private async Task RetryAsync(PendingEvent pending, Func<CancellationToken, Task<Eventsv1Event>> send, CancellationToken cancellationToken)
    {
        var delay = _options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            Exception error;
            try
            {
                await send(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                error = ApiStatusException.Translate(e);
            }

            if (attempt >= _options.MaxAttempts || !IsTransient(error))
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }

            _logger.EventWriteRetry(error, pending.Describe(), delay);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }
    }

    private static bool IsTransient(Exception e) => e switch
    {
        ApiStatusException api => api.IsTransient,
        HttpRequestException or TimeoutException or IOException => true,
        TaskCanceledException { InnerException: TimeoutException } => true, // HttpClient's timeout
        _ => false,
    };

    private void Prune(DateTimeOffset now)
    {
        if (_series.Count == 0 || now - _lastPrune < TimeSpan.FromMinutes(1))
        {
            return;
        }

        _lastPrune = now;
        foreach (var (key, entry) in _series.Where(p => now - p.Value.LastObserved > _options.SeriesWindow).ToList())
        {
            _series.Remove(key);
        }
    }

    private string NewName(PendingEvent pending)
    {
        if (NameSuffix is { } suffix)
        {
            return pending.Regarding.Name + "." + suffix(pending.Time);
        }

        // client-go: "%v.%x" of the name and the time in Unix nanoseconds; bumped to stay unique within this process.
        var nanos = (pending.Time - DateTimeOffset.UnixEpoch).Ticks * 100;
        nanos = Math.Max(nanos, _lastNanos + 1);
        _lastNanos = nanos;
        return pending.Regarding.Name + "." + nanos.ToString("x", CultureInfo.InvariantCulture);
    }

    private void CountDropped()
    {
        Interlocked.Increment(ref _dropped);
        _metrics?.EventsDropped.WithLabels(_options.ReportingController).Inc();
    }

    private static V1ObjectReference Reference(IKubernetesObject<V1ObjectMeta> obj) => new()
    {
        ApiVersion = obj.ApiVersion,
        Kind = obj.Kind,
        Name = obj.Metadata.Name,
        NamespaceProperty = obj.Metadata.NamespaceProperty,
        Uid = obj.Metadata.Uid,
        ResourceVersion = obj.Metadata.ResourceVersion,
    };

    private static string Truncate(string note)
    {
        if (Encoding.UTF8.GetByteCount(note) <= NoteLimitBytes)
        {
            return note;
        }

        var length = Math.Min(note.Length, NoteLimitBytes);
        while (Encoding.UTF8.GetByteCount(note.AsSpan(0, length)) > NoteLimitBytes || (length > 0 && char.IsHighSurrogate(note[length - 1])))
        {
            length--;
        }

        return note[..length];
    }

    private sealed record PendingEvent(V1ObjectReference Regarding, V1ObjectReference? Related, EventType Type, string Reason, string Action, string Note, DateTimeOffset Time)
    {
        public string Describe() =>
            $"{Type} {Reason}/{Action} about {Regarding.Kind} {(string.IsNullOrEmpty(Regarding.NamespaceProperty) ? "" : Regarding.NamespaceProperty + "/")}{Regarding.Name}";
    }

    private readonly record struct ObjectIdentity(string? ApiVersion, string? Kind, string? Namespace, string? Name, string? Uid)
    {
        public static ObjectIdentity Of(V1ObjectReference? reference) =>
            reference is null ? default : new(reference.ApiVersion, reference.Kind, reference.NamespaceProperty, reference.Name, reference.Uid);
    }

    private readonly record struct SeriesKey(ObjectIdentity Regarding, ObjectIdentity Related, EventType Type, string Reason, string Action, string Note)
    {
        public SeriesKey(PendingEvent e)
            : this(ObjectIdentity.Of(e.Regarding), ObjectIdentity.Of(e.Related), e.Type, e.Reason, e.Action, e.Note)
        {
        }
    }

    private sealed class SeriesEntry(string @namespace, string name, DateTimeOffset firstObserved)
    {
        public string Namespace { get; } = @namespace;

        public string Name { get; } = name;

        public DateTimeOffset FirstObserved { get; } = firstObserved;

        public DateTimeOffset LastObserved { get; set; } = firstObserved;

        public int Count { get; set; } = 1;
    }
}
