using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime.Conditions;
using Ladder.Operator.Tests.Support;

namespace Ladder.Operator.Tests.Controllers;

/// <summary>
/// A Ready stream's status follows its runner through a held status request (the harness polls only once an hour):
/// a state change shows within a second or so, and measurements moving cost neither writes nor reconciles.
/// </summary>
public sealed class RunnerStatusWatchTests
{
    private static LiveStream? Stream(OperatorHarness h) =>
        h.Get<LiveStream>("news") is { } json ? OperatorHarness.As<LiveStream>(json) : null;

    private static async Task<OperatorHarness> StartReadyAsync()
    {
        var h = await OperatorHarness.StartAsync(async clients =>
        {
            await clients.Secrets.CreateAsync(TestObjects.Namespace, TestObjects.IngestSecret());
            await clients.Profiles.CreateAsync(TestObjects.Namespace, TestObjects.Profile());
            await clients.Streams.CreateAsync(TestObjects.Namespace, TestObjects.Stream());
        });
        h.Runner.Start("news", generation: 1);
        await h.EventuallyAsync(() => ConditionSet.FindCondition(Stream(h)?.Status?.Conditions, ConditionTypes.Ready)?.Reason == ConditionReasons.Publishing, "the stream is Ready");
        await h.CompleteRolloutAsync("news");
        return h;
    }

    [Fact]
    public async Task Status_Should_FollowTheRunnerAtOnce_When_ItFailsOverWhileReady()
    {
        var h = await StartReadyAsync();
        await using var _ = h;

        h.Runner.SwitchInput("news", "backup");

        await h.EventuallyAsync(() => Stream(h)?.Status?.ActiveInput == "backup", "the status names the backup input (an hourly poll could not have seen it)");
    }

    [Fact]
    public async Task Operator_Should_WriteNothing_And_AskTheRunnerOnce_When_OnlyMeasurementsMove()
    {
        var h = await StartReadyAsync();
        await using var _ = h;
        await Task.Delay(500);
        var writesBefore = Writes(h);
        var asksBefore = h.Runner.StatusRequests;

        for (var i = 0; i < 6; i++)
        {
            h.Runner.Measure("news", 2_400_000 + (i * 10_000));
            await Task.Delay(250);
        }

        Assert.Equal(writesBefore, Writes(h));
        Assert.InRange(h.Runner.StatusRequests - asksBefore, 0, 1);
        Assert.Equal(2_500_000, Stream(h)!.Status!.Renditions!.Single().Bitrate);
    }

    private static long Writes(OperatorHarness h) => h.Api.RequestCounts.Where(c => c.Key is "POST" or "PUT" or "PATCH" or "DELETE").Sum(c => c.Value);
}
