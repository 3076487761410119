using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Ladder.LibAv;
using Ladder.Pipeline.Packaging;
using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.Status;

/// <summary><c>GET /v1/status</c> as a conditional, long-polled request: the ETag moves with the state, not with measurements.</summary>
public sealed class StatusWaitTests
{
    [Fact]
    public async Task Status_Should_Answer304_When_IfNoneMatchNamesTheCurrentState_EvenAfterMeasurementsMoved()
    {
        await using var runner = await InProcessRunner.StartAsync();
        using var first = await runner.Http.GetAsync("/v1/status");
        var tag = first.Headers.ETag!;
        Assert.True(tag.IsWeak, $"ETag {tag} is a weak validator");

        runner.Runtime.MeasuredBitrate = 987_000;
        using var again = await GetAsync(runner, tag, wait: null);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(tag, again.Headers.ETag);
        Assert.Contains("987000", await runner.Http.GetStringAsync("/v1/status"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Should_HoldTheRequestUntilTheStateChanges_When_PreferWaitIsGiven()
    {
        await using var runner = await InProcessRunner.StartAsync();
        using var first = await runner.Http.GetAsync("/v1/status");
        var tag = first.Headers.ETag!;

        var clock = Stopwatch.StartNew();
        var held = GetAsync(runner, tag, wait: 60);
        await Task.Delay(700);
        Assert.False(held.IsCompleted, "the request is held while nothing changes");
        runner.Runtime.Packager = new PackagerStatus([new TrackStatus("270p", MediaType.Video, 1, 5, 50_000, 5, 2, 0, 0, 0, false) { Degraded = true }], 0, 0);
        using var changed = await held;

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag, changed.Headers.ETag);
        Assert.Contains("\"degraded\":true", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.7, 10);
    }

    [Fact]
    public async Task Status_Should_Answer304AfterTheWait_When_NothingChanges()
    {
        await using var runner = await InProcessRunner.StartAsync();
        using var first = await runner.Http.GetAsync("/v1/status");
        var tag = first.Headers.ETag!;

        var clock = Stopwatch.StartNew();
        using var unchanged = await GetAsync(runner, tag, wait: 1);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(["wait=1"], unchanged.Headers.GetValues("Preference-Applied"));
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 10);
    }

    private static Task<HttpResponseMessage> GetAsync(InProcessRunner runner, EntityTagHeaderValue tag, int? wait)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/status");
        request.Headers.IfNoneMatch.Add(tag);
        if (wait is { } seconds)
        {
            request.Headers.Add("Prefer", $"wait={seconds}");
        }

        return runner.Http.SendAsync(request);
    }
}
