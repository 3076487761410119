using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Ladder.Kubernetes.Testing;

/// <summary>
/// The state of a <see cref="FakeApiServer"/>: objects per collection and namespace, one resourceVersion counter,
/// and watch subscribers. All methods run under one lock; objects are stored and handed out as deep clones.
/// </summary>
internal sealed class FakeObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Collection, string Namespace, string Name), JsonObject> _objects = [];
    private readonly List<(string Collection, string? Namespace, ChannelWriter<string> Events)> _watchers = [];
    private long _resourceVersion = 100;

    public string ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    public JsonObject? Get(string collection, string ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue((collection, ns, name), out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    public (List<JsonObject> Items, string ResourceVersion) List(string collection, string? ns, Func<JsonObject, bool> filter)
    {
        lock (_gate)
        {
            var items = _objects.Where(p => p.Key.Collection == collection && (ns is null || p.Key.Namespace == ns))
                .OrderBy(p => p.Key.Namespace, StringComparer.Ordinal).ThenBy(p => p.Key.Name, StringComparer.Ordinal)
                .Select(p => p.Value).Where(filter).Select(o => (JsonObject)o.DeepClone()).ToList();
            return (items, _resourceVersion.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Stores <paramref name="obj"/> with a new resourceVersion (and removes it when <paramref name="type"/> is DELETED); notifies watchers.</summary>
    public JsonObject Write(string collection, string ns, string name, JsonObject obj, string type)
    {
        lock (_gate)
        {
            _resourceVersion++;
            obj["metadata"]!["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
            if (type == "DELETED")
            {
                _objects.Remove((collection, ns, name));
            }
            else
            {
                _objects[(collection, ns, name)] = (JsonObject)obj.DeepClone();
            }

            var line = new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString() + "\n";
            foreach (var watcher in _watchers.Where(w => w.Collection == collection && (w.Namespace is null || w.Namespace == ns)))
            {
                watcher.Events.TryWrite(line);
            }

            return (JsonObject)obj.DeepClone();
        }
    }

    /// <summary>Subscribes to changes; with <paramref name="sendInitial"/>, current objects come first as ADDED (a watch without resourceVersion).</summary>
    public ChannelReader<string> Watch(string collection, string? ns, bool sendInitial, out Action unsubscribe)
    {
        var channel = Channel.CreateUnbounded<string>();
        lock (_gate)
        {
            if (sendInitial)
            {
                foreach (var item in List(collection, ns, _ => true).Items)
                {
                    channel.Writer.TryWrite(new JsonObject { ["type"] = "ADDED", ["object"] = item }.ToJsonString() + "\n");
                }
            }

            var entry = (collection, ns, channel.Writer);
            _watchers.Add(entry);
            unsubscribe = () =>
            {
                lock (_gate)
                {
                    _watchers.Remove(entry);
                }
            };
        }

        return channel.Reader;
    }
}
