using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Ladder.Api.Meta;
using Ladder.ControllerRuntime.Cache;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ladder.Kubernetes.Testing;

/// <summary>
/// A small stateful API server (Kestrel on 127.0.0.1) for controller and operator tests: an in-memory object
/// store per resource with the API conventions a controller relies on. resourceVersion increases on every write;
/// <c>metadata.generation</c> starts at 1 and moves only when something outside metadata and status changes;
/// create of an existing name is 409 AlreadyExists; update or patch with a stale <c>metadata.resourceVersion</c> is
/// 409 Conflict; missing objects are 404; <c>/status</c> writes change only status, other writes keep status;
/// DELETE of an object with finalizers sets <c>deletionTimestamp</c> and the object goes once they are removed;
/// LIST and WATCH support equality label selectors; WATCH fans out ADDED/MODIFIED/DELETED to every watcher and ends at
/// <c>timeoutSeconds</c>. A watch without resourceVersion (or with <c>0</c>) first gets the current objects as ADDED;
/// one with a resourceVersion first gets every event after it from a bounded per-resource history (the last
/// <see cref="HistoryLimit"/> events, like the API server's watch cache), so nothing written between an informer's
/// LIST and its WATCH is missed; a resourceVersion older than that history is answered with an ERROR event carrying
/// a 410 Expired Status, as kube-apiserver does, and the client must relist.
/// Patches: merge and strategic merge are applied as JSON merge patches (RFC 7386), server-side apply as a merge
/// of the applied object (creating it when missing, no field ownership); JSON patch is answered 415.
/// </summary>
public sealed class FakeApiServer : IAsyncDisposable
{
    /// <summary>How many watch events each resource keeps by default.</summary>
    public const int DefaultHistoryLimit = 1000;

    private readonly FakeObjectStore _store;
    private readonly Dictionary<string, long> _requestCounts = new(StringComparer.Ordinal);
    private WebApplication? _app;

    private FakeApiServer(int historyLimit) => _store = new FakeObjectStore(historyLimit);

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The current resourceVersion (the last write's).</summary>
    public string ResourceVersion => _store.ResourceVersion;

    /// <summary>How many watch events each resource keeps for watches resuming from a resourceVersion.</summary>
    public int HistoryLimit => _store.HistoryLimit;

    /// <summary>Every request answered so far, by method (<c>GET</c>, <c>POST</c>, <c>PUT</c>, <c>PATCH</c>, <c>DELETE</c>, <c>WATCH</c>).</summary>
    public IReadOnlyDictionary<string, long> RequestCounts
    {
        get
        {
            lock (_requestCounts)
            {
                return new Dictionary<string, long>(_requestCounts, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The number of requests answered so far.</summary>
    public long TotalRequests => RequestCounts.Values.Sum();

    /// <summary>Starts an empty server keeping <see cref="DefaultHistoryLimit"/> watch events per resource.</summary>
    public static Task<FakeApiServer> StartAsync() => StartAsync(DefaultHistoryLimit);

    /// <summary>Starts an empty server keeping <paramref name="historyLimit"/> watch events per resource.</summary>
    /// <param name="historyLimit">Events kept per resource (at least 1); a watch from an older resourceVersion gets 410 Expired.</param>
    public static async Task<FakeApiServer> StartAsync(int historyLimit)
    {
        var server = new FakeApiServer(historyLimit);
        (server._app, server.Address) = await LoopbackHost.StartAsync(server.HandleAsync).ConfigureAwait(false);
        return server;
    }

    /// <summary>A KubernetesClient <see cref="k8s.IKubernetes"/> for this server: bearer token <c>test-token</c>, 5 s timeout, namespace <c>default</c>.</summary>
    public k8s.Kubernetes CreateKubernetes() =>
        new(new k8s.KubernetesClientConfiguration { Host = Address.ToString(), AccessToken = "test-token", Namespace = "default", HttpClientTimeout = TimeSpan.FromSeconds(5) });

    /// <summary>The stored object as JSON, or null; a copy.</summary>
    /// <typeparam name="T">Its kind, named by its <see cref="KubernetesEntityAttribute"/> (e.g. <c>V1Deployment</c>, <c>LiveStream</c>).</typeparam>
    /// <param name="namespace">Its namespace; empty or null for a cluster-scoped kind.</param>
    /// <param name="name">Its name.</param>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> has no <c>[KubernetesEntity]</c>.</exception>
    public JsonObject? Get<T>(string? @namespace, string name)
        where T : IKubernetesObject
    {
        var resource = ResourceKind.For<T>();
        return _store.Get($"{resource.ApiVersion}/{resource.Plural}", @namespace ?? "", name);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Equality selectors (a=b,c=d) and existence (a).
    private static Func<JsonObject, bool> LabelFilter(string labelSelector)
    {
        var required = labelSelector.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split('=', 2)).ToList();
        return o => required.All(r => o["metadata"]?["labels"]?[r[0]] is { } value && (r.Length == 1 || value.GetValue<string>() == r[1]));
    }

    private void Count(HttpContext context)
    {
        var verb = context.Request.Method == "GET" && context.Request.Query["watch"] == "true" ? "WATCH" : context.Request.Method;
        lock (_requestCounts)
        {
            _requestCounts[verb] = _requestCounts.GetValueOrDefault(verb) + 1;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Count(context);
        var route = FakeRoute.Parse(context.Request.Path.Value ?? "");
        if (route is null)
        {
            await WriteStatusAsync(context, 404, StatusReasons.NotFound, $"the server could not find the requested resource {context.Request.Path}").ConfigureAwait(false);
            return;
        }

        var body = context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0
            ? await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false)
            : null;
        var ns = route.Namespace ?? "";
        var (code, result) = (context.Request.Method, route.Name) switch
        {
            ("GET", null) when context.Request.Query["watch"] == "true" => (0, null),
            ("GET", null) => List(route, context.Request.Query["labelSelector"].ToString()),
            ("GET", { } name) => _store.Get(route.Collection, ns, name) is { } found ? (200, found) : NotFound(route, name),
            ("POST", null) => Create(route, ns, body!.AsObject()),
            ("PUT", { } name) => Update(route, ns, name, body!.AsObject(), merge: false),
            ("PATCH", { } name) => Patch(route, ns, name, context.Request.ContentType ?? "", body!),
            ("DELETE", { } name) => Delete(route, ns, name),
            _ => (405, StatusObject(405, "MethodNotAllowed", $"{context.Request.Method} is not supported on {context.Request.Path}")),
        };
        if (code == 0)
        {
            await WatchAsync(context, route).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(result!.ToJsonString() + "\n", context.RequestAborted).ConfigureAwait(false);
    }

    private (int, JsonObject) List(FakeRoute route, string labelSelector)
    {
        var (items, resourceVersion) = _store.List(route.Collection, route.Namespace, LabelFilter(labelSelector));
        var kind = items.FirstOrDefault()?["kind"]?.GetValue<string>();
        return (200, new JsonObject
        {
            ["apiVersion"] = route.GroupVersion,
            ["kind"] = kind is null ? "List" : kind + "List",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["items"] = new JsonArray([.. items]),
        });
    }

    private (int, JsonObject) Create(FakeRoute route, string ns, JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject ?? [];
        obj["metadata"] = metadata;
        var name = metadata["name"]?.GetValue<string>();
        if (name is null && metadata["generateName"]?.GetValue<string>() is { } prefix)
        {
            name = prefix + Guid.NewGuid().ToString("N")[..5];
        }

        if (name is null)
        {
            return (422, Invalid(route, "", "metadata.name", "name or generateName is required"));
        }

        if (_store.Get(route.Collection, ns, name) is not null)
        {
            return (409, StatusObject(409, StatusReasons.AlreadyExists, $"{route.Plural} \"{name}\" already exists", route, name));
        }

        metadata["name"] = name;
        if (route.Namespace is not null)
        {
            metadata["namespace"] = route.Namespace;
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["generation"] = 1;
        metadata["creationTimestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return (201, _store.Write(route.Collection, ns, name, obj, "ADDED"));
    }

    private (int, JsonObject) Update(FakeRoute route, string ns, string name, JsonObject incoming, bool merge)
    {
        var current = _store.Get(route.Collection, ns, name);
        if (current is null)
        {
            return NotFound(route, name);
        }

        var sentVersion = incoming["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(sentVersion) && sentVersion != current["metadata"]!["resourceVersion"]!.GetValue<string>())
        {
            return (409, StatusObject(409, StatusReasons.Conflict,
                $"Operation cannot be fulfilled on {route.Plural} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", route, name));
        }

        var next = merge ? (JsonObject)MergePatch(current.DeepClone(), incoming)! : (JsonObject)incoming.DeepClone();
        if (route.Subresource == "status")
        {
            var statusOnly = (JsonObject)current.DeepClone();
            statusOnly.Remove("status");
            if (next["status"] is { } status)
            {
                statusOnly["status"] = status.DeepClone();
            }

            next = statusOnly;
        }
        else
        {
            next.Remove("status");
            if (current["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }

            foreach (var key in new[] { "uid", "creationTimestamp", "generation", "namespace", "name" })
            {
                next["metadata"]![key] = current["metadata"]![key]?.DeepClone();
            }

            if (!JsonNode.DeepEquals(WithoutMetadataAndStatus(current), WithoutMetadataAndStatus(next)))
            {
                next["metadata"]!["generation"] = long.Parse(current["metadata"]!["generation"]!.ToJsonString(), CultureInfo.InvariantCulture) + 1;
            }
        }

        var metadata = next["metadata"]!;
        var finalizers = metadata["finalizers"] as JsonArray;
        var gone = metadata["deletionTimestamp"] is not null && (finalizers is null || finalizers.Count == 0);
        return (200, _store.Write(route.Collection, ns, name, next, gone ? "DELETED" : "MODIFIED"));
    }

    private (int, JsonObject) Patch(FakeRoute route, string ns, string name, string contentType, JsonNode patch)
    {
        if (contentType.StartsWith("application/json-patch+json", StringComparison.Ordinal))
        {
            return (415, StatusObject(415, StatusReasons.UnsupportedMediaType, "FakeApiServer does not implement JSON patch; use a merge patch or apply"));
        }

        if (contentType.StartsWith("application/apply-patch+yaml", StringComparison.Ordinal) && _store.Get(route.Collection, ns, name) is null)
        {
            return Create(route, ns, patch.AsObject());
        }

        return Update(route, ns, name, patch.AsObject(), merge: true);
    }

    private (int, JsonObject) Delete(FakeRoute route, string ns, string name)
    {
        var current = _store.Get(route.Collection, ns, name);
        if (current is null)
        {
            return NotFound(route, name);
        }

        if (current["metadata"]?["finalizers"] is JsonArray { Count: > 0 })
        {
            current["metadata"]!["deletionTimestamp"] ??= DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            return (200, _store.Write(route.Collection, ns, name, current, "MODIFIED"));
        }

        _store.Write(route.Collection, ns, name, current, "DELETED");
        var status = StatusObject(200, null, null, route, name);
        status["status"] = "Success";
        return (200, status);
    }

    private async Task WatchAsync(HttpContext context, FakeRoute route)
    {
        var resourceVersion = context.Request.Query["resourceVersion"].ToString();
        System.Threading.Channels.ChannelReader<string> events;
        Action unsubscribe;
        try
        {
            events = _store.Watch(route.Collection, route.Namespace, resourceVersion, LabelFilter(context.Request.Query["labelSelector"].ToString()), out unsubscribe);
        }
        catch (FormatException e)
        {
            await WriteStatusAsync(context, 400, StatusReasons.BadRequest, e.Message).ConfigureAwait(false);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (int.TryParse(context.Request.Query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        try
        {
            await context.Response.StartAsync(timeout.Token).ConfigureAwait(false);
            await foreach (var line in events.ReadAllAsync(timeout.Token).ConfigureAwait(false))
            {
                await context.Response.WriteAsync(line, timeout.Token).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds reached or the client left: the watch ends
        }
        finally
        {
            unsubscribe();
        }
    }

    private static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = MergePatch(result[key]?.DeepClone(), value);
            }
        }

        return result;
    }

    private static JsonObject WithoutMetadataAndStatus(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("metadata");
        copy.Remove("status");
        return copy;
    }

    private static (int, JsonObject) NotFound(FakeRoute route, string name) =>
        (404, StatusObject(404, StatusReasons.NotFound, $"{route.Plural} \"{name}\" not found", route, name));

    private static JsonObject Invalid(FakeRoute route, string name, string field, string message)
    {
        var status = StatusObject(422, StatusReasons.Invalid, $"{route.Plural} \"{name}\" is invalid: {field}: {message}", route, name);
        status["details"]!["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueRequired", ["message"] = message, ["field"] = field });
        return status;
    }

    private static JsonObject StatusObject(int code, string? reason, string? message, FakeRoute? route = null, string? name = null) =>
        JsonSerializer.SerializeToNode(new Status
        {
            ApiVersion = "v1",
            Kind = "Status",
            Outcome = "Failure",
            Code = code,
            Reason = reason,
            Message = message,
            Details = route is null ? null : new StatusDetails { Name = name, Group = route.GroupVersion.Contains('/', StringComparison.Ordinal) ? route.GroupVersion.Split('/')[0] : "", Kind = route.Plural },
        }, WireJson.Options)!.AsObject();

    private static Task WriteStatusAsync(HttpContext context, int code, string reason, string message)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(StatusObject(code, reason, message).ToJsonString(), context.RequestAborted);
    }
}
