using k8s.Models;

namespace Ladder.ControllerRuntime.Cache;

/// <summary>
/// A thread-safe, indexed in-memory cache of objects keyed by <see cref="ObjectKey"/> (client-go
/// <c>cache.Indexer</c> over <c>threadSafeMap</c>). Named indexers map an object to index values, e.g.
/// <c>spec.profileRef</c> → every LiveStream naming a profile. Objects stored are treated as immutable:
/// callers must not change them; copy before modifying. Lists and index lookups return fresh arrays.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class Store<T>
    where T : class, k8s.IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, T> _items = [];
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> _indexers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<ObjectKey>>> _indices = new(StringComparer.Ordinal);

    /// <summary>How many objects are stored.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Adds a named index and indexes the objects already stored.</summary>
    /// <param name="name">The index name, e.g. <c>spec.profileRef</c>.</param>
    /// <param name="indexFunc">The index values of an object (none to leave it out of the index).</param>
    /// <exception cref="ArgumentException">An indexer with this name exists.</exception>
    public void AddIndexer(string name, Func<T, IEnumerable<string>> indexFunc)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(indexFunc);
        lock (_gate)
        {
            if (!_indexers.TryAdd(name, indexFunc))
            {
                throw new ArgumentException($"The store already has an indexer named '{name}'; pick another name.", nameof(name));
            }

            _indices[name] = new Dictionary<string, HashSet<ObjectKey>>(StringComparer.Ordinal);
            foreach (var (key, item) in _items)
            {
                IndexOne(name, indexFunc, key, item);
            }
        }
    }

    /// <summary>The object stored under <paramref name="key"/>, or null.</summary>
    public T? Get(ObjectKey key)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    /// <summary>A snapshot of every stored object, in no particular order.</summary>
    public IReadOnlyList<T> List()
    {
        lock (_gate)
        {
            return [.. _items.Values];
        }
    }

    /// <summary>A snapshot of every stored key.</summary>
    public IReadOnlyList<ObjectKey> ListKeys()
    {
        lock (_gate)
        {
            return [.. _items.Keys];
        }
    }

    /// <summary>The objects whose index <paramref name="indexName"/> contains <paramref name="indexedValue"/>.</summary>
    /// <exception cref="ArgumentException">No indexer named <paramref name="indexName"/>.</exception>
    public IReadOnlyList<T> ByIndex(string indexName, string indexedValue)
    {
        lock (_gate)
        {
            if (!_indices.TryGetValue(indexName, out var index))
            {
                throw new ArgumentException($"The store has no indexer named '{indexName}': call AddIndexer first.", nameof(indexName));
            }

            return index.TryGetValue(indexedValue, out var keys) ? [.. keys.Select(k => _items[k])] : [];
        }
    }

    /// <summary>Inserts or replaces the object under its key; returns the object it replaced, or null.</summary>
    public T? Upsert(T obj)
    {
        var key = ObjectKey.From(obj);
        lock (_gate)
        {
            var old = _items.GetValueOrDefault(key);
            if (old is not null)
            {
                Unindex(key, old);
            }

            _items[key] = obj;
            foreach (var (name, indexFunc) in _indexers)
            {
                IndexOne(name, indexFunc, key, obj);
            }

            return old;
        }
    }

    /// <summary>Removes the object under <paramref name="key"/>; returns it, or null when absent.</summary>
    public T? Delete(ObjectKey key)
    {
        lock (_gate)
        {
            if (!_items.Remove(key, out var old))
            {
                return null;
            }

            Unindex(key, old);
            return old;
        }
    }

    /// <summary>Replaces the whole content with <paramref name="objects"/> (a relist); returns the objects that were dropped.</summary>
    public IReadOnlyList<T> Replace(IEnumerable<T> objects)
    {
        var fresh = objects.ToDictionary(ObjectKey.From);
        lock (_gate)
        {
            var dropped = _items.Where(p => !fresh.ContainsKey(p.Key)).Select(p => p.Value).ToList();
            _items.Clear();
            foreach (var index in _indices.Values)
            {
                index.Clear();
            }

            foreach (var (key, obj) in fresh)
            {
                _items[key] = obj;
                foreach (var (name, indexFunc) in _indexers)
                {
                    IndexOne(name, indexFunc, key, obj);
                }
            }

            return dropped;
        }
    }

    private void IndexOne(string name, Func<T, IEnumerable<string>> indexFunc, ObjectKey key, T obj)
    {
        var index = _indices[name];
        foreach (var value in indexFunc(obj))
        {
            if (!index.TryGetValue(value, out var keys))
            {
                index[value] = keys = [];
            }

            keys.Add(key);
        }
    }

    private void Unindex(ObjectKey key, T obj)
    {
        foreach (var (name, indexFunc) in _indexers)
        {
            var index = _indices[name];
            foreach (var value in indexFunc(obj))
            {
                if (index.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    index.Remove(value);
                }
            }
        }
    }
}
