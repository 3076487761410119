using k8s.Models;
using Ladder.Kubernetes.Errors;
using Ladder.Kubernetes.Models;
using Ladder.Kubernetes.Testing;
using Ladder.Kubernetes.Watch;

namespace Ladder.Kubernetes.Tests.Testing;

public sealed class FakeApiServerTests
{
    [Fact]
    public async Task Fake_Should_FollowCreateUpdateConflictAndGenerationRules()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var client = server.CreateClient();
        var maps = client.Resource<ConfigMap>(ApiResource.ConfigMaps);
        var created = await maps.CreateAsync("demo", new ConfigMap { Metadata = new V1ObjectMeta { Name = "c" }, Data = new Dictionary<string, string> { ["a"] = "1" } });
        Assert.Equal(1, created.Metadata.Generation);
        Assert.True((await Assert.ThrowsAsync<KubeApiException>(() => maps.CreateAsync("demo", created))).IsAlreadyExists);

        created.Data!["a"] = "2";
        var updated = await maps.UpdateAsync(created);
        Assert.Equal(2, updated.Metadata.Generation);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
        Assert.True((await Assert.ThrowsAsync<KubeApiException>(() => maps.UpdateAsync(created))).IsConflict);
        Assert.True((await Assert.ThrowsAsync<KubeApiException>(() => maps.GetAsync("demo", "missing"))).IsNotFound);

        var applied = await maps.ApplyAsync(new ConfigMap { Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = "demo" }, Data = new Dictionary<string, string> { ["b"] = "3" } },
            new ApplyOptions { FieldManager = "test" });
        Assert.Equal(["a", "b"], applied.Data!.Keys.Order());
    }

    [Fact]
    public async Task Fake_Should_FanOutWatchEvents_And_HonourFinalizers()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var client = server.CreateClient();
        var maps = client.Resource<ConfigMap>(ApiResource.ConfigMaps);
        await maps.CreateAsync("demo", new ConfigMap { Metadata = new V1ObjectMeta { Name = "f", Finalizers = ["ladder.dev/cleanup"] } });
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<(WatchEventType, bool)>();
        var started = new TaskCompletionSource();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in maps.WatchAsync("demo", cancellationToken: cancel.Token))
            {
                events.Add((e.Type, e.Object.Metadata.DeletionTimestamp is not null));
                started.TrySetResult();
                if (e.Type == WatchEventType.Deleted)
                {
                    break;
                }
            }
        });
        await started.Task.WaitAsync(cancel.Token);
        var deleting = await maps.DeleteAsync("demo", "f");
        Assert.NotNull(deleting!.Metadata.DeletionTimestamp);
        await maps.PatchAsync("demo", "f", PatchType.Merge, System.Text.Json.Nodes.JsonNode.Parse("""{"metadata":{"finalizers":null}}""")!);
        await watching;
        Assert.Equal([(WatchEventType.Added, false), (WatchEventType.Modified, true), (WatchEventType.Deleted, true)], events);
        Assert.Null(server.Get(ApiResource.ConfigMaps, "demo", "f"));
    }
}
