using System.Net;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Errors;
using Ladder.ControllerRuntime.Tests.Support;
using Ladder.Kubernetes.Testing;
using Microsoft.AspNetCore.Http;

namespace Ladder.ControllerRuntime.Tests.Cache;

/// <summary>The adapter over KubernetesClient against an in-process server: what reaches the informer as Gone.</summary>
public sealed class ListWatchTests
{
    [Fact]
    public async Task WatchAsync_Should_ThrowGone_When_ServerSendsExpiredErrorEventAndKeepsStreamOpen()
    {
        // KubernetesClient hands the ERROR event to a callback and reads on; kube-apiserver closes the stream after it,
        // this server does not, so only the adapter stopping at the event ends the watch.
        var error = Fixtures.ResponseBody("38-watch-widgets-too-old-resourceversion").Split('\n')[0] + "\n";
        await using var server = await ApiReplayServer.StartAsync();
        server.Script("error-then-open", r => r.HasQuery("watch", "true"), async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(error, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        });
        using var kubernetes = server.CreateKubernetes();
        var listWatch = ListWatch.Custom<Widget>(kubernetes);

        var gone = await Assert.ThrowsAsync<ApiStatusException>(async () =>
        {
            await foreach (var _ in listWatch.WatchAsync(new ListRequest { Namespace = "demo", ResourceVersion = "1" }, CancellationToken.None).WithCancellation(CancellationToken.None))
            {
            }
        }).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(gone.IsGone);
        Assert.Equal(("Expired", HttpStatusCode.Gone), (gone.Status.Reason, gone.StatusCode));
        Assert.Empty(server.Mismatches);
    }

    [Fact]
    public async Task ListAsync_Should_ThrowGoneWithStatus_When_ContinueTokenExpired()
    {
        await using var server = await ApiReplayServer.StartAsync("31-list-widgets-expired-continue");
        using var kubernetes = server.CreateKubernetes();
        var request = new ListRequest { Namespace = "demo", Limit = 2, Continue = "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MjYwLCJzdGFydCI6IncyXHUwMDAwIn0" };

        var gone = await Assert.ThrowsAsync<ApiStatusException>(() => ListWatch.Custom<Widget>(kubernetes).ListAsync(request, CancellationToken.None));

        Assert.Empty(server.Mismatches);
        Assert.True(gone.IsGone);
        Assert.Equal("Expired", gone.Status.Reason);
        Assert.Contains("continue parameter is too old", gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_Should_SynthesizeStatusFromHttpCode_When_ProxyAnswersWithoutStatus()
    {
        await using var server = await ApiReplayServer.StartAsync();
        server.Script("proxy-502", r => r.Method == "GET", ScriptedResponses.Text(502, "text/html", "<html><body>Bad Gateway</body></html>"));
        using var kubernetes = server.CreateKubernetes();

        var error = await Assert.ThrowsAsync<ApiStatusException>(() => ListWatch.Custom<Widget>(kubernetes).ListAsync(new ListRequest { Namespace = "demo" }, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.False(error.IsGone);
    }
}
