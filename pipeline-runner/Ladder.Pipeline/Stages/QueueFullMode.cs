namespace Ladder.Pipeline.Stages;

/// <summary>What a <see cref="BoundedQueue{T}"/> does when a producer offers an item while it is full.</summary>
internal enum QueueFullMode
{
    /// <summary>Refuse the item (the producer drops and counts it): live inputs, so a slow consumer never stalls ingest.</summary>
    DropNewest,

    /// <summary>Wait for room: unpaced file inputs, where every frame must be encoded and nothing is live.</summary>
    Wait,

    /// <summary>
    /// <see cref="Wait"/> for the queue's first 3 s of items, then <see cref="DropNewest"/>: the stages a live pipeline
    /// starts with. Their warm-up (opening codecs, JIT compilation) meets the input's start burst (the packets
    /// libavformat buffered while probing the input's streams, handed over at once), and that one-time cost is paid
    /// in latency, never in pictures; after it, a stage slower than real time drops and counts what it cannot take.
    /// </summary>
    DropNewestAfterStart,
}
