using System.Collections.Concurrent;

namespace Ladder.Pipeline.Publishing;

/// <summary>
/// The resources the origin serves, by path: a lock-free map that the packager's muxing loops update and any number
/// of HTTP requests read, mirrored to a <see cref="DiskMirror"/> when one is set.
/// </summary>
internal sealed class PublishedContent : IDisposable
{
    private readonly ConcurrentDictionary<string, OriginResource> _resources = new(StringComparer.Ordinal);
    private readonly DiskMirror? _disk;
    private readonly ChangeSignals _changes = new();

    /// <summary>Creates an empty map.</summary>
    /// <param name="disk">Where files are mirrored; null for memory only.</param>
    public PublishedContent(DiskMirror? disk) => _disk = disk;

    /// <summary>The disk mirror, if any.</summary>
    public DiskMirror? Disk => _disk;

    /// <summary>The resource at <paramref name="path"/>, or null.</summary>
    public OriginResource? Get(string path) => _resources.GetValueOrDefault(path);

    /// <summary>A task that completes the next time <paramref name="path"/> is published or withdrawn.</summary>
    public Task Changed(string path) => _changes.Next(path);

    /// <summary>Publishes (or replaces) a resource.</summary>
    public void Put(string path, OriginResource resource)
    {
        _resources[path] = resource;
        _changes.Raise(path);
        _disk?.Write(path, resource.Content);
    }

    /// <summary>Withdraws a resource.</summary>
    public void Remove(string path)
    {
        if (_resources.TryRemove(path, out _))
        {
            _changes.Raise(path);
            _disk?.Delete(path);
        }
    }

    /// <summary>Stops the disk mirror after it has written what is queued.</summary>
    public void Dispose() => _disk?.Dispose();
}
