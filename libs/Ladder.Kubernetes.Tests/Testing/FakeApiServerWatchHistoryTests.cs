using k8s.Models;
using Ladder.Kubernetes.Errors;
using Ladder.Kubernetes.Models;
using Ladder.Kubernetes.Testing;
using Ladder.Kubernetes.Watch;

namespace Ladder.Kubernetes.Tests.Testing;

public sealed class FakeApiServerWatchHistoryTests
{
    private static ConfigMap Map(string name, string? label = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = label is null ? null : new Dictionary<string, string> { ["tier"] = label } },
        Data = new Dictionary<string, string> { ["v"] = "1" },
    };

    private static async Task<List<(WatchEventType Type, string Name)>> ReadAsync(IResourceClient<ConfigMap> maps, string? resourceVersion, int count, string? labelSelector = null)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<(WatchEventType, string)>();
        await foreach (var e in maps.WatchAsync("demo", new ListOptions { ResourceVersion = resourceVersion, LabelSelector = labelSelector }, cancel.Token))
        {
            events.Add((e.Type, e.Object.Metadata.Name!));
            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }

    [Fact]
    public async Task Watch_Should_ReplayEventsWrittenAfterTheListsResourceVersion_When_ResumingFromIt()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var client = server.CreateClient();
        var maps = client.Resource<ConfigMap>(ApiResource.ConfigMaps);
        await maps.CreateAsync("demo", Map("before"));
        var list = await maps.ListAsync("demo");

        // Written between the LIST and the WATCH: an informer must still see them.
        var between = await maps.CreateAsync("demo", Map("between"));
        between.Data!["v"] = "2";
        await maps.UpdateAsync(between);
        await maps.DeleteAsync("demo", "before");
        await client.Resource<ConfigMap>(ApiResource.ConfigMaps).CreateAsync("elsewhere", Map("other-namespace"));

        var events = await ReadAsync(maps, list.Metadata.ResourceVersion, 3);

        Assert.Equal([(WatchEventType.Added, "between"), (WatchEventType.Modified, "between"), (WatchEventType.Deleted, "before")], events);
    }

    [Fact]
    public async Task Watch_Should_FollowLiveEventsAfterTheReplay_WithNothingRepeated()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var client = server.CreateClient();
        var maps = client.Resource<ConfigMap>(ApiResource.ConfigMaps);
        var start = server.ResourceVersion;
        await maps.CreateAsync("demo", Map("replayed"));

        var reading = ReadAsync(maps, start, 2);
        await Task.Delay(200);
        await maps.CreateAsync("demo", Map("live"));

        Assert.Equal([(WatchEventType.Added, "replayed"), (WatchEventType.Added, "live")], await reading);
    }

    [Fact]
    public async Task Watch_Should_AnswerGone_When_ResourceVersionIsOlderThanTheHistoryKept()
    {
        await using var server = await FakeApiServer.StartAsync(historyLimit: 2);
        using var client = server.CreateClient();
        var maps = client.Resource<ConfigMap>(ApiResource.ConfigMaps);
        var start = server.ResourceVersion;
        foreach (var name in new[] { "a", "b", "c" })
        {
            await maps.CreateAsync("demo", Map(name));
        }

        var gone = await Assert.ThrowsAsync<KubeApiException>(() => ReadAsync(maps, start, 1));
        Assert.True(gone.IsGone, gone.Message);

        // The last two events are still held: resuming after "a" works.
        var afterA = (await maps.GetAsync("demo", "a")).Metadata.ResourceVersion;
        Assert.Equal([(WatchEventType.Added, "b"), (WatchEventType.Added, "c")], await ReadAsync(maps, afterA, 2));
    }

    [Fact]
    public async Task Watch_Should_SendCurrentObjectsAsAdded_When_NoResourceVersionIsGiven()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var client = server.CreateClient();
        var maps = client.Resource<ConfigMap>(ApiResource.ConfigMaps);
        await maps.CreateAsync("demo", Map("x"));
        await maps.DeleteAsync("demo", "x");
        await maps.CreateAsync("demo", Map("y"));

        Assert.Equal([(WatchEventType.Added, "y")], await ReadAsync(maps, null, 1));
    }

    [Fact]
    public async Task Watch_Should_ReplayOnlyMatchingObjects_When_LabelSelectorIsGiven()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var client = server.CreateClient();
        var maps = client.Resource<ConfigMap>(ApiResource.ConfigMaps);
        var start = server.ResourceVersion;
        await maps.CreateAsync("demo", Map("web", "front"));
        await maps.CreateAsync("demo", Map("db", "back"));
        await maps.CreateAsync("demo", Map("cache", "back"));

        Assert.Equal([(WatchEventType.Added, "db"), (WatchEventType.Added, "cache")], await ReadAsync(maps, start, 2, "tier=back"));
        Assert.Equal(["cache", "db"], (await maps.ListAsync("demo", new ListOptions { LabelSelector = "tier=back" })).Items.Select(m => m.Metadata.Name!).Order());
    }

    [Fact]
    public async Task Fake_Should_CountRequestsByVerb()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var client = server.CreateClient();
        var maps = client.Resource<ConfigMap>(ApiResource.ConfigMaps);
        await maps.CreateAsync("demo", Map("m"));
        await maps.GetAsync("demo", "m");
        await maps.ListAsync("demo");

        Assert.Equal((1L, 2L, 3L), (server.RequestCounts["POST"], server.RequestCounts["GET"], server.TotalRequests));
    }
}
