using System.Text.Json;
using k8s;
using k8s.Models;
using Ladder.ControllerRuntime.Cache;

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

    /// <summary>
    /// The watch events of a watch fixture, read as KubernetesClient's watch enumerator reads them: an ERROR line is
    /// handed to <paramref name="onError"/> as a <see cref="KubernetesException"/> and reading goes on.
    /// </summary>
    public static async IAsyncEnumerable<(WatchEventType, T)> WatchEvents<T>(string name, Action<Exception> onError)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        await Task.Yield();
        foreach (var line in ResponseBody(name).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var type = doc.RootElement.GetProperty("type").GetString()!;
            var obj = doc.RootElement.GetProperty("object").GetRawText();
            if (type == "ERROR")
            {
                onError(new KubernetesException(KubernetesJson.Deserialize<V1Status>(obj)));
                continue;
            }

            yield return (Enum.Parse<WatchEventType>(type, ignoreCase: true), KubernetesJson.Deserialize<T>(obj));
        }
    }

    /// <summary>The list of fixture <paramref name="name"/> as one page.</summary>
    public static ListPage<T> List<T>(string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var list = KubernetesJson.Deserialize<KubernetesList<T>>(ResponseBody(name));
        return new ListPage<T>([.. list.Items], list.Metadata.ResourceVersion, list.Metadata.ContinueProperty);
    }

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
