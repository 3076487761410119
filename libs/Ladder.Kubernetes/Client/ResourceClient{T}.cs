using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ladder.Api.Meta;
using Ladder.Kubernetes.Models;
using Ladder.Kubernetes.Watch;
using V1ObjectMeta = k8s.Models.V1ObjectMeta;

namespace Ladder.Kubernetes;

/// <summary>The HTTP implementation of <see cref="IResourceClient{T}"/> over a <see cref="KubernetesClient"/>.</summary>
internal sealed class ResourceClient<T>(KubernetesClient client, ApiResource resource) : IResourceClient<T>
    where T : class, k8s.IKubernetesObject<V1ObjectMeta>
{
    private const int DefaultPageSize = 500;

    public ApiResource Resource => resource;

    public async Task<T> GetAsync(string? @namespace, string name, CancellationToken cancellationToken = default) =>
        Read<T>(await SendAsync(HttpMethod.Get, resource.GetPath(@namespace, name), [], null, cancellationToken).ConfigureAwait(false));

    public async Task<KubernetesList<T>> ListAsync(string? @namespace, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        Read<KubernetesList<T>>(await SendAsync(
            HttpMethod.Get, resource.GetPath(@namespace), (options ?? new ListOptions()).ToQuery(watch: false), null, cancellationToken).ConfigureAwait(false));

    public async IAsyncEnumerable<T> ListAllAsync(
        string? @namespace, ListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = (options ?? new ListOptions()) with { Limit = options?.Limit ?? DefaultPageSize };
        while (true)
        {
            var list = await ListAsync(@namespace, page, cancellationToken).ConfigureAwait(false);
            foreach (var item in list.Items)
            {
                yield return item;
            }

            if (string.IsNullOrEmpty(list.Metadata.Continue))
            {
                yield break;
            }

            page = page with { Continue = list.Metadata.Continue };
        }
    }

    public async Task<T> CreateAsync(string? @namespace, T obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Read<T>(await SendAsync(
            HttpMethod.Post, resource.GetPath(@namespace ?? obj.Metadata.NamespaceProperty), options?.ToQuery() ?? [], Json(obj), cancellationToken).ConfigureAwait(false));

    public Task<T> UpdateAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        PutAsync(obj, null, options, cancellationToken);

    public Task<T> UpdateStatusAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        PutAsync(obj, "status", options, cancellationToken);

    public async Task<T?> DeleteAsync(string? @namespace, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = await SendAsync(
            HttpMethod.Delete, resource.GetPath(@namespace, name), [], options is null ? null : Json(options.ToJson()), cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        var isStatus = document.RootElement.TryGetProperty("kind", out var kind) && kind.ValueEquals("Status");
        return isStatus ? null : document.RootElement.Deserialize<T>(WireJson.Options);
    }

    public Task<T> PatchAsync(
        string? @namespace, string name, PatchType type, object patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        SendPatchAsync(@namespace, name, null, type, patch, options?.ToQuery() ?? [], cancellationToken);

    public Task<T> PatchStatusAsync(
        string? @namespace, string name, PatchType type, object patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        SendPatchAsync(@namespace, name, "status", type, patch, options?.ToQuery() ?? [], cancellationToken);

    public Task<T> ApplyAsync(T obj, ApplyOptions options, CancellationToken cancellationToken = default) =>
        SendPatchAsync(obj.Metadata.NamespaceProperty, RequireName(obj), null, PatchType.Apply, ApplyBody(obj), options.ToQuery(), cancellationToken);

    public Task<T> ApplyStatusAsync(T obj, ApplyOptions options, CancellationToken cancellationToken = default) =>
        SendPatchAsync(obj.Metadata.NamespaceProperty, RequireName(obj), "status", PatchType.Apply, ApplyBody(obj), options.ToQuery(), cancellationToken);

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(
        string? @namespace, ListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Uri(resource.GetPath(@namespace), (options ?? new ListOptions()).ToQuery(watch: true)));
        HttpResponseMessage response;
        try
        {
            response = await client.SendStreamingAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            yield break;
        }

        using (response)
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var events = WatchLines.ReadAsync<T>(stream, $"WATCH {request.RequestUri}", cancellationToken);
                await foreach (var watchEvent in events.ConfigureAwait(false))
                {
                    yield return watchEvent;
                }
            }
        }
    }

    private async Task<T> PutAsync(T obj, string? subresource, WriteOptions? options, CancellationToken cancellationToken) =>
        Read<T>(await SendAsync(
            HttpMethod.Put, resource.GetPath(obj.Metadata.NamespaceProperty, RequireName(obj), subresource), options?.ToQuery() ?? [], Json(obj), cancellationToken).ConfigureAwait(false));

    private async Task<T> SendPatchAsync(
        string? @namespace, string name, string? subresource, PatchType type, object patch,
        IEnumerable<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        var content = Json(patch);
        content.Headers.ContentType = new MediaTypeHeaderValue(type switch
        {
            PatchType.Merge => "application/merge-patch+json",
            PatchType.JsonPatch => "application/json-patch+json",
            PatchType.StrategicMerge => "application/strategic-merge-patch+json",
            _ => "application/apply-patch+yaml",
        });
        return Read<T>(await SendAsync(HttpMethod.Patch, resource.GetPath(@namespace, name, subresource), query, content, cancellationToken).ConfigureAwait(false));
    }

    private async Task<byte[]> SendAsync(
        HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>> query, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Uri(path, query)) { Content = content };
        return await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private JsonObject ApplyBody(T obj)
    {
        var body = JsonSerializer.SerializeToNode(obj, WireJson.Options)!.AsObject();
        body["apiVersion"] ??= resource.ApiVersion;
        body["kind"] ??= resource.Kind;
        (body["metadata"] as JsonObject)?.Remove("managedFields");
        return body;
    }

    private static string RequireName(T obj) =>
        obj.Metadata.Name ?? throw new ArgumentException("The object has no metadata.name: set it before updating or applying.", nameof(obj));

    private static ByteArrayContent Json(object value)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), WireJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static TResult Read<TResult>(byte[] body) =>
        JsonSerializer.Deserialize<TResult>(body, WireJson.Options)
        ?? throw new JsonException($"The server answered 'null' where a {typeof(TResult).Name} was expected.");

    private static string Uri(string path, IEnumerable<KeyValuePair<string, string>> query)
    {
        var text = new StringBuilder(path);
        var separator = '?';
        foreach (var (key, value) in query)
        {
            text.Append(separator).Append(key).Append('=').Append(System.Uri.EscapeDataString(value));
            separator = '&';
        }

        return text.ToString();
    }
}
