using System.Collections.Concurrent;
using System.Text;
using Ladder.Pipeline.Publishing;

namespace Ladder.Runner.Tests.Support;

/// <summary>An origin whose resources the test publishes by hand.</summary>
internal sealed class FakeOriginContent : IOriginContent
{
    private readonly ConcurrentDictionary<string, OriginResource> _resources = new(StringComparer.Ordinal);

    public void Publish(string path, string text, string contentType, TimeSpan maxAge) =>
        Publish(path, Encoding.UTF8.GetBytes(text), contentType, maxAge);

    public void Publish(string path, byte[] content, string contentType, TimeSpan maxAge) =>
        _resources[path] = new OriginResource(content, contentType, maxAge);

    public OriginResource? Get(string path) => _resources.GetValueOrDefault(path);
}
