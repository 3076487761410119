using System.Collections.Concurrent;

namespace Ladder.Pipeline.Stages;

/// <summary>
/// Reuses <see cref="Ladder.LibAv.Packet"/> or <see cref="Ladder.LibAv.Frame"/> objects across threads so the hot path
/// allocates no managed objects per packet or frame: a consumer returns what it took, unreferenced, and the producer
/// rents it again. Objects beyond <c>maxRetained</c> are disposed instead of kept.
/// </summary>
/// <typeparam name="T">Packet or Frame.</typeparam>
internal sealed class MediaPool<T>(Func<T> create, Action<T> reset, int maxRetained)
    where T : class, IDisposable
{
    private readonly ConcurrentQueue<T> _free = new();

    /// <summary>An empty object, reused when one is free.</summary>
    public T Rent() => _free.TryDequeue(out var item) ? item : create();

    /// <summary>Drops the object's media reference and keeps it for reuse.</summary>
    public void Return(T item)
    {
        reset(item);
        if (_free.Count < maxRetained)
        {
            _free.Enqueue(item);
        }
        else
        {
            item.Dispose();
        }
    }

    /// <summary>Disposes the retained objects.</summary>
    public void Clear()
    {
        while (_free.TryDequeue(out var item))
        {
            item.Dispose();
        }
    }
}
