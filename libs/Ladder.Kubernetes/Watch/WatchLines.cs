using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using k8s.Models;
using Ladder.Api.Meta;
using Ladder.Kubernetes.Errors;

namespace Ladder.Kubernetes.Watch;

/// <summary>
/// Reads a watch response body: newline-delimited JSON objects <c>{"type": ..., "object": ...}</c>
/// (apimachinery <c>watch.Event</c> over the JSON stream framer).
/// </summary>
internal static class WatchLines
{
    public static async IAsyncEnumerable<WatchEvent<T>> ReadAsync<T>(
        Stream stream, string request, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        var buffer = new byte[16 * 1024];
        var line = new ArrayBufferWriter<byte>();
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or IOException)
            {
                read = -1;
            }
            catch (IOException e)
            {
                throw new WatchStreamException(
                    $"{request}: the connection broke{(line.WrittenCount > 0 ? $" in the middle of an event line ({line.WrittenCount} bytes received)" : "")}: {e.Message} Restart the watch from the last resourceVersion seen.",
                    e);
            }

            if (read < 0)
            {
                yield break;
            }

            if (read == 0)
            {
                if (line.WrittenCount > 0)
                {
                    throw new WatchStreamException(
                        $"{request}: the stream ended in the middle of an event line ({line.WrittenCount} bytes without a newline). Restart the watch from the last resourceVersion seen.");
                }

                yield break;
            }

            var chunk = buffer.AsMemory(0, read);
            while (chunk.Length > 0)
            {
                var end = chunk.Span.IndexOf((byte)'\n');
                if (end < 0)
                {
                    line.Write(chunk.Span);
                    break;
                }

                line.Write(chunk.Span[..end]);
                chunk = chunk[(end + 1)..];
                if (line.WrittenCount > 0)
                {
                    var watchEvent = Parse<T>(line.WrittenSpan, request);
                    line.ResetWrittenCount();
                    yield return watchEvent;
                }
            }
        }
    }

    private static WatchEvent<T> Parse<T>(ReadOnlySpan<byte> line, string request)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(line);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new WatchStreamException($"{request}: a line is not a JSON watch event: {Encoding.UTF8.GetString(line[..Math.Min(line.Length, 200)])}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (!root.TryGetProperty("object", out var obj) || obj.ValueKind != JsonValueKind.Object)
            {
                throw new WatchStreamException($"{request}: a {type ?? "typeless"} watch event has no object.");
            }

            return type switch
            {
                "ADDED" => new WatchEvent<T>(WatchEventType.Added, obj.Deserialize<T>(WireJson.Options)!),
                "MODIFIED" => new WatchEvent<T>(WatchEventType.Modified, obj.Deserialize<T>(WireJson.Options)!),
                "DELETED" => new WatchEvent<T>(WatchEventType.Deleted, obj.Deserialize<T>(WireJson.Options)!),
                "BOOKMARK" => new WatchEvent<T>(WatchEventType.Bookmark, obj.Deserialize<T>(WireJson.Options)!),
                "ERROR" => throw ErrorEvent(obj, request),
                _ => throw new WatchStreamException($"{request}: unknown watch event type '{type}'."),
            };
        }
    }

    private static KubeApiException ErrorEvent(JsonElement obj, string request)
    {
        var status = obj.Deserialize<Status>(WireJson.Options) ?? new Status();
        status.Code ??= 500;
        return new KubeApiException(status, request + " (ERROR event)");
    }
}
