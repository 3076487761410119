using Ladder.Kubernetes.Errors;
using Ladder.Kubernetes.Testing;
using Ladder.Kubernetes.Watch;

namespace Ladder.Kubernetes.Tests.Watch;

public sealed class WatchTests
{
    [Fact]
    public async Task Watch_Should_YieldEventsInOrder_And_EndNormally_When_TheServerCloses()
    {
        await using var server = await ApiReplayServer.StartAsync("35-watch-widgets-bookmarks");
        using var client = server.CreateClient();
        var events = new List<WatchEvent<Widget>>();
        var options = new ListOptions { ResourceVersion = "264", TimeoutSeconds = 5, AllowWatchBookmarks = true };
        await foreach (var e in client.Resource<Widget>(Widget.Resource).WatchAsync("demo", options))
        {
            events.Add(e);
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted, WatchEventType.Bookmark], events.Select(e => e.Type));
        Assert.Equal("w-watch", events[0].Object.Metadata.Name);
        Assert.Null(events[3].Object.Metadata.Name);
        Assert.False(string.IsNullOrEmpty(events[3].Object.Metadata.ResourceVersion));
        Assert.Empty(server.Mismatches);
    }

    [Fact]
    public async Task Watch_Should_EndWithoutError_When_CancelledWhileTheServerHoldsItOpen()
    {
        await using var server = await ApiReplayServer.StartAsync("37-watch-widgets-no-rv-held-open");
        using var client = server.CreateClient();
        using var cancel = new CancellationTokenSource();
        var names = new List<string>();
        await foreach (var e in client.Resource<Widget>(Widget.Resource).WatchAsync("demo", new ListOptions { AllowWatchBookmarks = true }, cancel.Token))
        {
            names.Add(e.Object.Metadata.Name!);
            if (names.Count == 5)
            {
                await cancel.CancelAsync();
            }
        }

        Assert.Equal(["w1", "w2", "w3", "w4", "w5"], names);
        Assert.Empty(server.Mismatches);
    }

    [Fact]
    public async Task Watch_Should_ThrowGone_When_TheResourceVersionIsTooOld_And_RelistThen()
    {
        await using var server = await ApiReplayServer.StartAsync("38-watch-widgets-too-old-resourceversion", "34-list-widgets");
        using var client = server.CreateClient();
        var widgets = client.Resource<Widget>(Widget.Resource);
        var error = await Assert.ThrowsAsync<KubeApiException>(async () =>
        {
            await foreach (var unused in widgets.WatchAsync("demo", new ListOptions { ResourceVersion = "1", TimeoutSeconds = 5, AllowWatchBookmarks = true }))
            {
                Assert.Fail("no event expected before the ERROR");
            }
        });
        Assert.True(error.IsGone);
        Assert.Contains("too old resource version", error.Message, StringComparison.Ordinal);

        var relisted = await widgets.ListAsync("demo");
        Assert.Equal("264", relisted.Metadata.ResourceVersion);
        Assert.Empty(server.Mismatches);
    }

    [Fact]
    public async Task Watch_Should_ThrowWatchStreamException_When_TheResponseEndsInTheMiddleOfALine()
    {
        await using var server = await ApiReplayServer.StartAsync();
        server.Script("cut", r => r.Query.Any(q => q.Key == "watch"), ScriptedResponses.WatchCutMidLine([Added("w1")], Added("w2"), 40));
        using var client = server.CreateClient();
        var seen = new List<string>();
        var error = await Assert.ThrowsAsync<WatchStreamException>(async () =>
        {
            await foreach (var e in client.Resource<Widget>(Widget.Resource).WatchAsync("demo"))
            {
                seen.Add(e.Object.Metadata.Name!);
            }
        });
        Assert.Equal(["w1"], seen);
        Assert.Contains("the stream ended in the middle of an event line (40 bytes without a newline)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Restart the watch", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Mismatches);
    }

    [Fact]
    public async Task Watch_Should_YieldTheCompleteEvent_And_ThenThrowWatchStreamException_When_TheConnectionBreaksMidLine()
    {
        await using var server = MidLineCutServer.Start(Added("w1"), Added("w2"), 40);
        using var client = new KubernetesClient(new k8s.KubernetesClientConfiguration { Host = server.Address.ToString(), AccessToken = "test-token" });
        using var bound = new CancellationTokenSource(MidLineCutServer.Timeout);
        var seen = new List<string>();
        var error = await Assert.ThrowsAsync<WatchStreamException>(async () =>
        {
            // Cancelling ends a watch without an error, so a hang fails here as "no exception" after the bound.
            await foreach (var e in client.Resource<Widget>(Widget.Resource).WatchAsync("demo", cancellationToken: bound.Token))
            {
                seen.Add(e.Object.Metadata.Name!);
            }
        });
        Assert.Equal(["w1"], seen);
        Assert.Contains("the connection broke in the middle of an event line (40 bytes received)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Restart the watch from the last resourceVersion seen", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.Equal("GET /apis/example.com/v1alpha1/namespaces/demo/widgets?watch=true HTTP/1.1", await server.RequestLine.WaitAsync(MidLineCutServer.Timeout));
    }

    private static string Added(string name) =>
        """{"type":"ADDED","object":{"apiVersion":"example.com/v1alpha1","kind":"Widget","metadata":{"name":"NAME","namespace":"demo","resourceVersion":"300"}}}"""
            .Replace("NAME", name, StringComparison.Ordinal);
}
