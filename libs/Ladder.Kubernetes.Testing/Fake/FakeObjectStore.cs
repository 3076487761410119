using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Ladder.Kubernetes.Testing;

/// <summary>
/// The state of a <see cref="FakeApiServer"/>: objects per collection and namespace, one resourceVersion counter,
/// watch subscribers and, per collection, a bounded history of the last <see cref="HistoryLimit"/> watch events (the
/// API server's watch cache). All methods run under one lock; objects are stored and handed out as deep clones.
/// </summary>
internal sealed class FakeObjectStore(int historyLimit)
{
    /// <summary>The resourceVersion of an empty server; the first write gets the next one.</summary>
    public const long InitialResourceVersion = 100;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Collection, string Namespace, string Name), JsonObject> _objects = [];
    private readonly List<(string Collection, string? Namespace, Func<JsonObject, bool> Filter, ChannelWriter<string> Events)> _watchers = [];
    private readonly Dictionary<string, CollectionHistory> _history = new(StringComparer.Ordinal);
    private long _resourceVersion = InitialResourceVersion;

    /// <summary>How many events each collection keeps for watches that resume from a resourceVersion.</summary>
    public int HistoryLimit { get; } = historyLimit > 0 ? historyLimit : throw new ArgumentOutOfRangeException(nameof(historyLimit), historyLimit, "keep at least one event");

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

    /// <summary>
    /// Stores <paramref name="obj"/> with a new resourceVersion (and removes it when <paramref name="type"/> is
    /// DELETED); records the event in the collection's history and notifies watchers.
    /// </summary>
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

            var stored = (JsonObject)obj.DeepClone();
            var line = new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString() + "\n";
            History(collection).Add(new WatchRecord(_resourceVersion, ns, stored, line), HistoryLimit);
            foreach (var watcher in _watchers.Where(w => w.Collection == collection && (w.Namespace is null || w.Namespace == ns) && w.Filter(stored)))
            {
                watcher.Events.TryWrite(line);
            }

            return (JsonObject)obj.DeepClone();
        }
    }

    /// <summary>
    /// Subscribes to changes of <paramref name="collection"/> in <paramref name="ns"/> (null: every namespace) that
    /// <paramref name="filter"/> accepts, as a real API server does for <paramref name="resourceVersion"/>: empty or
    /// <c>0</c> sends the current objects as ADDED first; a number replays every recorded event after it, then
    /// follows live, with nothing lost or repeated in between (both happen under the store's lock). When that version
    /// is older than the history kept, the stream holds one ERROR event with a 410 Expired Status and ends.
    /// </summary>
    /// <exception cref="FormatException"><paramref name="resourceVersion"/> is neither empty nor a number.</exception>
    public ChannelReader<string> Watch(string collection, string? ns, string? resourceVersion, Func<JsonObject, bool> filter, out Action unsubscribe)
    {
        var channel = Channel.CreateUnbounded<string>();
        unsubscribe = static () => { };
        lock (_gate)
        {
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var item in List(collection, ns, filter).Items)
                {
                    channel.Writer.TryWrite(new JsonObject { ["type"] = "ADDED", ["object"] = item }.ToJsonString() + "\n");
                }
            }
            else
            {
                if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                {
                    throw new FormatException($"resourceVersion \"{resourceVersion}\" is not a number");
                }

                var history = History(collection);
                if (from < history.CompleteAfter)
                {
                    channel.Writer.TryWrite(Expired(from, history.CompleteAfter));
                    channel.Writer.TryComplete();
                    return channel.Reader;
                }

                foreach (var record in history.After(from).Where(r => (ns is null || r.Namespace == ns) && filter(r.Object)))
                {
                    channel.Writer.TryWrite(record.Line);
                }
            }

            var entry = (collection, ns, filter, channel.Writer);
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

    // What kube-apiserver's watch cache answers for a resourceVersion it no longer holds: HTTP 200 and one ERROR event.
    private static string Expired(long requested, long oldest) =>
        new JsonObject
        {
            ["type"] = "ERROR",
            ["object"] = new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Failure",
                ["message"] = $"too old resource version: {requested} ({oldest})",
                ["reason"] = "Expired",
                ["code"] = 410,
            },
        }.ToJsonString() + "\n";

    private CollectionHistory History(string collection)
    {
        if (!_history.TryGetValue(collection, out var history))
        {
            // Nothing of this collection was written before: a watch from any version since the server started is complete.
            history = new CollectionHistory(InitialResourceVersion);
            _history[collection] = history;
        }

        return history;
    }

    /// <summary>One recorded watch event.</summary>
    private sealed record WatchRecord(long ResourceVersion, string Namespace, JsonObject Object, string Line);

    /// <summary>A collection's recent events, oldest first; <see cref="CompleteAfter"/> is the oldest version a watch may resume from.</summary>
    private sealed class CollectionHistory(long completeAfter)
    {
        private readonly Queue<WatchRecord> _events = new();

        /// <summary>Every event after this resourceVersion is still held.</summary>
        public long CompleteAfter { get; private set; } = completeAfter;

        public void Add(WatchRecord record, int limit)
        {
            _events.Enqueue(record);
            while (_events.Count > limit)
            {
                CompleteAfter = _events.Dequeue().ResourceVersion;
            }
        }

        public List<WatchRecord> After(long resourceVersion) => _events.Where(e => e.ResourceVersion > resourceVersion).ToList();
    }
}
