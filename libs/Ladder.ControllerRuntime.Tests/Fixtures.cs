using System.Text.Json;
using Ladder.Api.Meta;
using Ladder.Kubernetes.Errors;
using Ladder.Kubernetes.Models;
using Ladder.Kubernetes.Watch;
using V1ObjectMeta = k8s.Models.V1ObjectMeta;

namespace Ladder.ControllerRuntime.Tests;

/// <summary>Reads response bodies of the recorded kube-apiserver v1.26 exchanges in <c>../shared/k8s-fixtures</c>.</summary>
internal static class Fixtures
{
    private static readonly string Directory = Find();

    /// <summary>The response body of fixture <paramref name="name"/> (e.g. <c>35-watch-widgets-bookmarks</c>).</summary>
    public static string ResponseBody(string name)
    {
        var text = File.ReadAllText(Path.Combine(Directory, name + ".http")).ReplaceLineEndings("\n");
        var response = text[(text.IndexOf("\n### response\n", StringComparison.Ordinal) + 14)..];
        return response[(response.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
    }

    /// <summary>The watch events of a watch fixture; an ERROR line becomes the exception the client would throw.</summary>
    public static async IAsyncEnumerable<WatchEvent<T>> WatchEvents<T>(string name)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        await Task.Yield();
        foreach (var line in ResponseBody(name).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var type = doc.RootElement.GetProperty("type").GetString()!;
            var obj = doc.RootElement.GetProperty("object");
            if (type == "ERROR")
            {
                throw new KubeApiException(obj.Deserialize<Status>(WireJson.Options)!, "GET " + name);
            }

            yield return new WatchEvent<T>(Enum.Parse<WatchEventType>(type, ignoreCase: true), obj.Deserialize<T>(WireJson.Options)!);
        }
    }

    /// <summary>The list of fixture <paramref name="name"/>.</summary>
    public static KubernetesList<T> List<T>(string name) =>
        JsonSerializer.Deserialize<KubernetesList<T>>(ResponseBody(name), WireJson.Options)!;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "k8s-fixtures");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/k8s-fixtures not found above the test binaries: the fixtures live beside the repository in ../shared/k8s-fixtures.");
    }
}
