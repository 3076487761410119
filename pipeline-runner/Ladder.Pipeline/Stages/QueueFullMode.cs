namespace Ladder.Pipeline.Stages;

/// <summary>What a <see cref="BoundedQueue{T}"/> does when a producer offers an item while it is full.</summary>
internal enum QueueFullMode
{
    /// <summary>Refuse the item (the producer drops and counts it): live inputs, so a slow consumer never stalls ingest.</summary>
    DropNewest,

    /// <summary>Wait for room: unpaced file inputs, where every frame must be encoded and nothing is live.</summary>
    Wait,
}
