using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Stages;

/// <summary>
/// A stage fed through one <see cref="BoundedQueue{T}"/>: producers <see cref="Offer"/> items (a full queue drops and
/// counts them, or waits for unpaced file inputs), the loop processes them in order, and when the producer
/// <see cref="CompleteInput"/>s the queue the stage drains (flushes its codec) and stops.
/// </summary>
/// <typeparam name="TItem">A small struct carrying a pooled packet or frame.</typeparam>
internal abstract class QueueStage<TItem> : Stage
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private readonly BoundedQueue<TItem> _queue;

    /// <summary>Creates the stage with its queue.</summary>
    protected QueueStage(string id, string kind, ILogger logger, int capacity, QueueFullMode fullMode)
        : base(id, kind, logger) => _queue = new BoundedQueue<TItem>(capacity, fullMode);

    /// <inheritdoc />
    public override int QueueDepth => _queue.Count;

    /// <summary>
    /// Queues <paramref name="item"/>; when the queue refuses it, counts a drop and releases the item.
    /// <paramref name="mustDeliver"/> waits for room instead of dropping (format changes, which must never be lost).
    /// </summary>
    /// <exception cref="OperationCanceledException">The producer's token was cancelled while waiting for room.</exception>
    public void Offer(TItem item, CancellationToken cancellationToken, bool mustDeliver = false)
    {
        if (!_queue.TryAdd(item, mustDeliver, cancellationToken))
        {
            Counters.RecordDrop();
            Release(item);
        }
    }

    /// <summary>No more items will come: the stage processes what is queued, drains and stops.</summary>
    public void CompleteInput() => _queue.Complete();

    /// <summary>Processes one item and releases it.</summary>
    protected abstract void Process(TItem item);

    /// <summary>Returns an unprocessed item's packet or frame to its pool.</summary>
    protected abstract void Release(TItem item);

    /// <summary>
    /// Called before each wait for an item: does the work that is due while no item comes (e.g. an encoder repeating
    /// its last picture) and returns how long to wait for the next item before being called again, at most
    /// <paramref name="poll"/> (which it returns when there is nothing to do).
    /// </summary>
    protected virtual TimeSpan Idle(TimeSpan poll) => poll;

    /// <summary>Called once the input is complete and processed: flush codecs, write the last packets.</summary>
    protected abstract void Drain();

    /// <inheritdoc />
    protected sealed override void Run()
    {
        while (!_queue.IsDrained)
        {
            Stopping.ThrowIfCancellationRequested();
            if (_queue.TryTake(out var item, Idle(PollInterval)))
            {
                Process(item);
            }
        }

        Drain();
    }

    /// <inheritdoc />
    protected override void Finish()
    {
        _queue.Complete();
        while (_queue.TryTake(out var item, TimeSpan.Zero))
        {
            Release(item);
        }
    }
}
