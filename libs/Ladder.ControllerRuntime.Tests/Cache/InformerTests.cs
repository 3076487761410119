using System.Runtime.CompilerServices;
using Ladder.ControllerRuntime.Cache;
using Ladder.Kubernetes;
using Ladder.Kubernetes.Models;
using Ladder.Kubernetes.Watch;
using NSubstitute;

namespace Ladder.ControllerRuntime.Tests.Cache;

public sealed class InformerTests
{
    private static readonly ApiResource Widgets = new("example.com", "v1alpha1", "widgets", "Widget", true);
    private static readonly InformerOptions Options = new() { Namespace = "demo", InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(2) };

    [Fact]
    public async Task RunAsync_Should_ListWatchResumeFromBookmarkAndRelistOnGone_When_ServerReplaysFixtures()
    {
        var client = Substitute.For<IResourceClient<Widget>>();
        client.Resource.Returns(Widgets);
        var relist = new KubernetesList<Widget> { Metadata = new ListMeta { ResourceVersion = "300" } };
        client.ListAsync("demo", Arg.Any<ListOptions>(), Arg.Any<CancellationToken>())
            .Returns(Fixtures.List<Widget>("34-list-widgets"), relist);
        var watchedFrom = new List<string?>();
        client.WatchAsync("demo", Arg.Do<ListOptions>(o => watchedFrom.Add(o.ResourceVersion)), Arg.Any<CancellationToken>())
            .Returns(
                Fixtures.WatchEvents<Widget>("35-watch-widgets-bookmarks"),
                Fixtures.WatchEvents<Widget>("38-watch-widgets-too-old-resourceversion"),
                Hang());
        var informer = new Informer<Widget>(client, Options);
        var handler = new RecordingHandler<Widget>();
        informer.AddEventHandler(handler);
        using var cts = new CancellationTokenSource();

        var run = informer.RunAsync(cts.Token);
        Assert.True(await informer.WaitForCacheSyncAsync(cts.Token).WaitAsync(TimeSpan.FromSeconds(10)));
        await WaitUntil(() => watchedFrom.Count == 3);
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["264", "267", "300"], watchedFrom);
        var events = handler.Events;
        Assert.Equal(["add w-watch 265", "update w-watch 265->266", "delete w-watch"], events.Skip(5).Take(3));
        Assert.Equal(5, events.Count(e => e.EndsWith(" unknown", StringComparison.Ordinal)));
        Assert.True(informer.HasSynced);
        Assert.Equal("300", informer.LastSyncResourceVersion);
        Assert.Equal(0, informer.Store.Count);
        Assert.Equal(2, informer.WatchRestarts);
        Assert.True(watchedFrom.Count == 3, "cancellation must end the informer without another watch");
    }

    [Fact]
    public async Task RunAsync_Should_RetryWithBackoffAndKeepResourceVersion_When_WatchFails()
    {
        var client = Substitute.For<IResourceClient<Widget>>();
        client.Resource.Returns(Widgets);
        client.ListAsync("demo", Arg.Any<ListOptions>(), Arg.Any<CancellationToken>())
            .Returns(new KubernetesList<Widget> { Metadata = new ListMeta { ResourceVersion = "10" }, Items = [Widget.Create("a", resourceVersion: "9")] });
        var watchedFrom = new List<string?>();
        client.WatchAsync("demo", Arg.Do<ListOptions>(o => watchedFrom.Add(o.ResourceVersion)), Arg.Any<CancellationToken>())
            .Returns(Fail(new WatchStreamException("cut")), Hang());
        var informer = new Informer<Widget>(client, Options);
        using var cts = new CancellationTokenSource();

        var run = informer.RunAsync(cts.Token);
        await WaitUntil(() => watchedFrom.Count == 2);
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["10", "10"], watchedFrom);
        await client.Received(1).ListAsync("demo", Arg.Any<ListOptions>(), Arg.Any<CancellationToken>());
        Assert.NotNull(informer.Store.Get(new ObjectKey("demo", "a")));
    }

    [Fact]
    public async Task WaitForCacheSyncAsync_Should_ReturnFalse_When_CancelledBeforeSync()
    {
        var client = Substitute.For<IResourceClient<Widget>>();
        client.Resource.Returns(Widgets);
        var informer = new Informer<Widget>(client);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        Assert.False(await informer.WaitForCacheSyncAsync(cts.Token));
        Assert.False(informer.HasSynced);
    }

    private static async IAsyncEnumerable<WatchEvent<Widget>> Hang([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }

    private static async IAsyncEnumerable<WatchEvent<Widget>> Fail(Exception error)
    {
        await Task.Yield();
        throw error;
#pragma warning disable CS0162
        yield break;
#pragma warning restore CS0162
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "condition not reached within 10 s");
    }
}
