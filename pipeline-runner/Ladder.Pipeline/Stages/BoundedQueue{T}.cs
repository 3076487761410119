namespace Ladder.Pipeline.Stages;

/// <summary>
/// A fixed-capacity FIFO between two stage threads. Allocation-free after construction (a ring buffer under a
/// lock): the hot path moves pooled packets and frames through it without garbage.
/// </summary>
/// <typeparam name="T">The item type, usually a small struct carrying a pooled packet or frame.</typeparam>
internal sealed class BoundedQueue<T>
{
    private readonly T[] _items;
    private const long StartGraceMilliseconds = 3000;
    private readonly QueueFullMode _fullMode;
    private long _firstAdd; // Environment.TickCount64 of the first item added; 0 before
    private readonly object _lock = new(); // Monitor.Wait/Pulse need a monitor, not a System.Threading.Lock
    private int _head;
    private int _count;
    private bool _completed;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="capacity">The most items it holds.</param>
    /// <param name="fullMode">Drop or wait when full.</param>
    public BoundedQueue(int capacity, QueueFullMode fullMode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
        _fullMode = fullMode;
    }

    /// <summary>Items waiting.</summary>
    public int Count { get { lock (_lock) { return _count; } } }

    /// <summary>Whether the queue was completed and every item taken: the consumer is done.</summary>
    public bool IsDrained { get { lock (_lock) { return _completed && _count == 0; } } }

    /// <summary>The capacity.</summary>
    public int Capacity => _items.Length;

    /// <summary>
    /// Adds <paramref name="item"/>; when full, returns false at once (<see cref="QueueFullMode.DropNewest"/>, and
    /// <see cref="QueueFullMode.DropNewestAfterStart"/> from 3 s after its first item) or waits for room
    /// (<see cref="QueueFullMode.Wait"/>, or always with <paramref name="mustDeliver"/>). Returns false once the queue
    /// is completed; the caller keeps the item.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public bool TryAdd(T item, bool mustDeliver, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_firstAdd == 0)
            {
                _firstAdd = Environment.TickCount64;
            }

            while (!_completed && _count == _items.Length)
            {
                if (!mustDeliver && DropsWhenFull())
                {
                    return false;
                }

                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_lock, 100);
            }

            if (_completed)
            {
                return false;
            }

            _items[(_head + _count) % _items.Length] = item;
            _count++;
            Monitor.PulseAll(_lock);
            return true;
        }
    }

    private bool DropsWhenFull() => _fullMode switch
    {
        QueueFullMode.DropNewest => true,
        QueueFullMode.DropNewestAfterStart => Environment.TickCount64 - _firstAdd >= StartGraceMilliseconds,
        _ => false,
    };

    /// <summary>Takes the oldest item, waiting up to <paramref name="timeout"/>; false when none came or the queue is completed and empty.</summary>
    public bool TryTake(out T item, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_lock)
        {
            while (_count == 0)
            {
                var left = deadline - Environment.TickCount64;
                if (_completed || left <= 0)
                {
                    item = default!;
                    return false;
                }

                Monitor.Wait(_lock, (int)Math.Min(left, int.MaxValue));
            }

            item = _items[_head];
            _items[_head] = default!;
            _head = (_head + 1) % _items.Length;
            _count--;
            Monitor.PulseAll(_lock);
            return true;
        }
    }

    /// <summary>Refuses further items and wakes waiting producers and consumers; items already queued can still be taken.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
            Monitor.PulseAll(_lock);
        }
    }
}
