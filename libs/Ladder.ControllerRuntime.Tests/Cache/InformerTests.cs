using k8s;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Tests.Support;

namespace Ladder.ControllerRuntime.Tests.Cache;

public sealed class InformerTests
{
    private static readonly InformerOptions Options = new() { Namespace = "demo", InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(2) };

    /// <summary>
    /// A ListWatch answering the given LIST pages in turn (the last one again after that) and opening the given watches
    /// in turn (then one that stays open), recording each watch's resourceVersion and counting the LISTs in <c>listed[0]</c>.
    /// </summary>
    private static ListWatch<Widget> Scripted(List<string?> watchedFrom, int[] listed, ListPage<Widget>[] lists, params Func<Action<Exception>, IAsyncEnumerable<(WatchEventType, Widget)>>[] watches) =>
        new(
            ResourceKind.For<Widget>(),
            (_, _) => Task.FromResult(lists[Math.Min(Interlocked.Increment(ref listed[0]), lists.Length) - 1]),
            (request, onError, cancellationToken) =>
            {
                lock (watchedFrom)
                {
                    watchedFrom.Add(request.ResourceVersion);
                    return watchedFrom.Count <= watches.Length ? watches[watchedFrom.Count - 1](onError) : StaticListWatch.Hang(cancellationToken);
                }
            });

    [Fact]
    public async Task RunAsync_Should_ListWatchResumeFromBookmarkAndRelistOnGone_When_ServerReplaysFixtures()
    {
        var watchedFrom = new List<string?>();
        var listWatch = Scripted(
            watchedFrom,
            [0],
            [Fixtures.List<Widget>("34-list-widgets"), new ListPage<Widget>([], "300", null)],
            onError => Fixtures.WatchEvents<Widget>("35-watch-widgets-bookmarks", onError),
            onError => Fixtures.WatchEvents<Widget>("38-watch-widgets-too-old-resourceversion", onError));
        var informer = new Informer<Widget>(listWatch, Options);
        var handler = new RecordingHandler<Widget>();
        informer.AddEventHandler(handler);
        using var cts = new CancellationTokenSource();

        var run = informer.RunAsync(cts.Token);
        Assert.True(await informer.WaitForCacheSyncAsync(cts.Token).WaitAsync(TimeSpan.FromSeconds(10)));
        await Eventually.WaitUntil(() => watchedFrom.Count == 3, "three watches");
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
        var watchedFrom = new List<string?>();
        int[] listed = [0];
        var listWatch = Scripted(
            watchedFrom,
            listed,
            [new ListPage<Widget>([Widget.Create("a", resourceVersion: "9")], "10", null)],
            _ => Fail(new IOException("cut")));
        var informer = new Informer<Widget>(listWatch, Options);
        using var cts = new CancellationTokenSource();

        var run = informer.RunAsync(cts.Token);
        await Eventually.WaitUntil(() => watchedFrom.Count == 2, "a second watch");
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["10", "10"], watchedFrom);
        Assert.Equal(1, listed[0]);
        Assert.NotNull(informer.Store.Get(new ObjectKey("demo", "a")));
    }

    [Fact]
    public async Task WaitForCacheSyncAsync_Should_ReturnFalse_When_CancelledBeforeSync()
    {
        var informer = new Informer<Widget>(StaticListWatch.Of());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        Assert.False(await informer.WaitForCacheSyncAsync(cts.Token));
        Assert.False(informer.HasSynced);
    }

    private static async IAsyncEnumerable<(WatchEventType, Widget)> Fail(Exception error)
    {
        await Task.Yield();
        throw error;
#pragma warning disable CS0162
        yield break;
#pragma warning restore CS0162
    }
}
