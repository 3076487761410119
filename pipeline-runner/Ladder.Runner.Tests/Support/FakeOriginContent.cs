using System.Collections.Concurrent;
using System.Text;
using Ladder.Pipeline.Publishing;

namespace Ladder.Runner.Tests.Support;

/// <summary>An origin whose resources the test publishes by hand.</summary>
internal sealed class FakeOriginContent : IOriginContent
{
    private readonly ConcurrentDictionary<string, OriginResource> _resources = new(StringComparer.Ordinal);
    private readonly ChangeSignals _changes = new();

    public void Publish(string path, string text, string contentType, TimeSpan maxAge) =>
        Publish(path, Encoding.UTF8.GetBytes(text), contentType, maxAge);

    public void Publish(string path, byte[] content, string contentType, TimeSpan maxAge) =>
        Publish(path, new OriginResource(content, contentType, maxAge));

    public void Publish(string path, OriginResource resource)
    {
        _resources[path] = resource;
        _changes.Raise(path);
    }

    public void Remove(string path)
    {
        if (_resources.TryRemove(path, out _))
        {
            _changes.Raise(path);
        }
    }

    public OriginResource? Get(string path) => _resources.GetValueOrDefault(path);

    public Task Changed(string path) => _changes.Next(path);
}
