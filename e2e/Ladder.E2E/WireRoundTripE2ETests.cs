using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Ladder.Api;
using Ladder.Api.Manifests;
using Ladder.Api.Meta;
using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime.Cache;

namespace Ladder.E2E;

/// <summary>
/// Ladder's kinds are written for System.Text.Json with <see cref="WireJson.Options"/> (attribute converters on
/// Bitrate, Duration and the enums), while KubernetesClient writes and reads them with its own
/// <see cref="KubernetesJson"/> options, as the operator's informers and this suite's calls do. On the real server:
/// every field of every sample arrives as written, and every field the server holds, spec and the status the operator
/// wrote, is read back by KubernetesClient without a loss or a rename.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class WireRoundTripE2ETests(OperatorFixture fixture)
{
    [ClusterFact]
    public async Task LadderKinds_Should_RoundTripThroughKubernetesClient_When_TheSamplesAreApplied()
    {
        var checkedKinds = new HashSet<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(OperatorFixture.RepoRoot, "config", "samples"), "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var manifest in YamlJson.ReadDocuments(await File.ReadAllTextAsync(file)).Select(d => d.Json).OfType<JsonObject>())
            {
                var kind = manifest["kind"]!.GetValue<string>();
                var what = $"{Path.GetFileName(file)}: {kind} {manifest["metadata"]!["name"]}";
                manifest["metadata"]!["namespace"] = fixture.Namespace;
                var check = kind switch
                {
                    LadderApi.Kinds.LiveStream => CheckAsync<LiveStream>(manifest, what),
                    LadderApi.Kinds.TranscodeProfile => CheckAsync<TranscodeProfile>(manifest, what),
                    LadderApi.Kinds.Template => CheckAsync<Template>(manifest, what),
                    _ => null,
                };
                if (check is not null)
                {
                    await check;
                    checkedKinds.Add(kind);
                }
            }
        }

        Assert.Equal([LadderApi.Kinds.LiveStream, LadderApi.Kinds.Template, LadderApi.Kinds.TranscodeProfile], checkedKinds.Order(StringComparer.Ordinal));
    }

    private async Task CheckAsync<T>(JsonObject manifest, string what)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var applied = await fixture.ApplyAsync(manifest);
        var sent = JsonSerializer.SerializeToNode(manifest.Deserialize<T>(WireJson.Options), WireJson.Options)!;

        // What the server holds, as raw JSON (no model in between), once the operator has written a status.
        var resource = ResourceKind.For<T>();
        var raw = "";
        await OperatorFixture.EventuallyAsync(async () =>
        {
            raw = (await fixture.Kube.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(resource.Group, resource.Version, fixture.Namespace, resource.Plural, applied.Metadata.Name)).GetRawText();
            return JsonNode.Parse(raw)!["status"] is not null;
        }, what + " has a status");
        var held = JsonNode.Parse(raw)!;
        AssertHolds(sent["spec"], held["spec"], what + " .spec");

        var read = JsonSerializer.SerializeToNode(KubernetesJson.Deserialize<T>(raw), WireJson.Options)!;
        foreach (var part in new[] { "spec", "status" })
        {
            Assert.True(JsonNode.DeepEquals(held[part], read[part]), $"{what}: KubernetesClient read .{part} as {read[part]?.ToJsonString()}, the server holds {held[part]?.ToJsonString()}");
        }
    }

    // Every value the manifest sets is in what the server holds (which may add defaults); a field renamed or dropped
    // on the way would be missing there (the structural schema prunes unknown fields).
    private static void AssertHolds(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject fields:
                var held = Assert.IsType<JsonObject>(actual);
                foreach (var (name, value) in fields)
                {
                    AssertHolds(value, held[name], $"{path}.{name}");
                }

                break;
            case JsonArray items:
                var list = Assert.IsType<JsonArray>(actual);
                Assert.True(items.Count == list.Count, $"{path}: {items.Count} items sent, {list.Count} held");
                for (var i = 0; i < items.Count; i++)
                {
                    AssertHolds(items[i], list[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: sent {expected?.ToJsonString()}, the server holds {actual?.ToJsonString()}");
                break;
        }
    }
}
