using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Tests.Support;
using Ladder.Kubernetes.Testing;

namespace Ladder.ControllerRuntime.Tests.Cache;

/// <summary>
/// The informer over KubernetesClient (<see cref="ListWatch.Custom{T}"/>) against recorded watches: 35 (events, a
/// BOOKMARK, then the server closes) and 38 (an ERROR event carrying 410 Expired, which KubernetesClient hands to a
/// callback instead of throwing). The informer sends <c>limit=500</c> and a random <c>timeoutSeconds</c> that no
/// recording can predict, so the replay server is told to ignore exactly those two.
/// </summary>
public sealed class InformerReplayTests
{
    private static readonly InformerOptions Options = new() { Namespace = "demo" };

    private static bool IsWatchFrom(RecordedRequest r, string resourceVersion) =>
        r.HasQuery("watch", "true") && r.HasQuery("resourceVersion", resourceVersion);

    private static async Task<(Informer<Widget> Informer, RecordingHandler<Widget> Handler)> RunUntilAsync(ApiReplayServer server, int requests)
    {
        using var kubernetes = server.CreateKubernetes();
        var informer = new Informer<Widget>(ListWatch.Custom<Widget>(kubernetes), Options);
        var handler = new RecordingHandler<Widget>();
        informer.AddEventHandler(handler);
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await Eventually.WaitUntil(() => server.Requests.Count >= requests || run.IsCompleted, $"{requests} requests");
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        return (informer, handler);
    }

    [Fact]
    public async Task Informer_Should_RewatchFromBookmarkResourceVersion_When_ServerClosesWatch()
    {
        await using var server = await ApiReplayServer.StartAsync("34-list-widgets", "35-watch-widgets-bookmarks");
        server.IgnoreQueryParameters("limit", "timeoutSeconds");
        server.Script("rewatch-from-bookmark", r => IsWatchFrom(r, "267"), ReplayAnswers.HeldOpenWatch);

        var (informer, handler) = await RunUntilAsync(server, 3);

        Assert.Empty(server.Mismatches);
        Assert.Equal(["34-list-widgets", "35-watch-widgets-bookmarks", "rewatch-from-bookmark"], server.Requests.Select(r => r.Fixture));
        Assert.True(server.Requests[0].HasQuery("limit", "500"));
        Assert.True(server.Requests[1].HasQuery("allowWatchBookmarks", "true"));
        Assert.Equal("267", informer.LastSyncResourceVersion);
        Assert.Equal(["add w-watch 265", "update w-watch 265->266", "delete w-watch"], handler.Events.Skip(5).Take(3));
        Assert.Equal(["w1", "w2", "w3", "w4", "w5"], informer.Store.List().Select(w => w.Metadata.Name).Order());
    }

    [Fact]
    public async Task Informer_Should_RelistThenWatchFromNewResourceVersion_When_WatchAnswersExpired410()
    {
        // The first LIST is scripted to return resourceVersion 1 (compacted away since), so its watch is the recorded 38.
        await using var server = await ApiReplayServer.StartAsync("38-watch-widgets-too-old-resourceversion", "34-list-widgets", "35-watch-widgets-bookmarks");
        server.IgnoreQueryParameters("limit", "timeoutSeconds");
        server.Script("list-at-rv-1", r => !r.HasQuery("watch", "true"), ScriptedResponses.Text(200, "application/json",
            "{\"apiVersion\":\"example.com/v1alpha1\",\"kind\":\"WidgetList\",\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[]}\n"));
        server.Script("rewatch-from-bookmark", r => IsWatchFrom(r, "267"), ReplayAnswers.HeldOpenWatch);

        var (informer, _) = await RunUntilAsync(server, 5);

        Assert.Empty(server.Mismatches);
        Assert.Equal(
            ["list-at-rv-1", "38-watch-widgets-too-old-resourceversion", "34-list-widgets", "35-watch-widgets-bookmarks", "rewatch-from-bookmark"],
            server.Requests.Select(r => r.Fixture));
        Assert.Equal("267", informer.LastSyncResourceVersion);
        Assert.Equal(5, informer.Store.Count);
        Assert.True(informer.WatchRestarts >= 2);
    }
}
