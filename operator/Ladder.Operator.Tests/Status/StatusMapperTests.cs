using k8s.Models;
using Ladder.Api.Meta;
using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime.Conditions;
using Ladder.Operator.Status;
using Ladder.Operator.Tests.Support;

namespace Ladder.Operator.Tests.Status;

public sealed class StatusMapperTests
{
    private readonly FixedClock _clock = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private static RunnerStatus Runner(long generation, string? active = "studio", bool healthy = true) => new()
    {
        PipelineGeneration = generation,
        Phase = RunnerPhase.Running,
        ActiveInput = active,
        Inputs =
        [
            new RunnerInputStatus { Name = "studio", Healthy = healthy && active == "studio", Active = active == "studio" },
            new RunnerInputStatus { Name = "backup", Healthy = active == "backup", Active = active == "backup" },
        ],
        Renditions = [new RunnerRenditionStatus { Name = "720p", Width = 1280, Height = 720, Bitrate = 2_712_345, TargetBitrate = 2_800_000, Fps = 25 }],
    };

    private static string? Condition(LiveStreamStatus status, string type) => ConditionSet.FindCondition(status.Conditions, type)?.Status;

    [Fact]
    public void Map_Should_BeReconciling_When_RunnerHasNotReportedNewGeneration()
    {
        var (status, _) = StatusMapper.Map(null, new StreamObservation { Generation = 3, DesiredPipelineGeneration = 2, Runner = Runner(1) }, _clock);

        Assert.Equal(ConditionStatus.True, Condition(status, ConditionTypes.Reconciling));
        Assert.Equal(ConditionStatus.False, Condition(status, ConditionTypes.Ready));
        Assert.Equal(ConditionReasons.Reloading, ConditionSet.FindCondition(status.Conditions, ConditionTypes.Reconciling)!.Reason);
        Assert.Equal(3, status.ObservedGeneration);
    }

    [Fact]
    public void Map_Should_MarkTheRendition_When_TheRunnerReportsItDegraded()
    {
        var runner = Runner(2) with { Renditions = [new RunnerRenditionStatus { Name = "720p", Width = 1280, Height = 720, Published = true, Degraded = true }] };

        var (status, _) = StatusMapper.Map(null, new StreamObservation { Generation = 1, DesiredPipelineGeneration = 2, Runner = runner }, _clock);

        Assert.True(Assert.Single(status.Renditions!).Degraded);
    }

    [Fact]
    public void Map_Should_BeReconciling_When_RunnerUnreachable()
    {
        var (status, _) = StatusMapper.Map(null, new StreamObservation { Generation = 1, DesiredPipelineGeneration = 1, RunnerProblem = "connection refused" }, _clock);

        Assert.Equal(ConditionStatus.True, Condition(status, ConditionTypes.Reconciling));
        Assert.Equal(LiveStreamPhase.Starting, status.Phase);
        Assert.Contains("connection refused", ConditionSet.FindCondition(status.Conditions, ConditionTypes.Ready)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_Should_BeReadyAndLive_When_RunnerRunsGenerationWithHealthyPrimary()
    {
        var (status, _) = StatusMapper.Map(null, new StreamObservation { Generation = 1, DesiredPipelineGeneration = 2, Runner = Runner(2) }, _clock);

        Assert.Equal(ConditionStatus.True, Condition(status, ConditionTypes.Ready));
        Assert.Equal(ConditionStatus.False, Condition(status, ConditionTypes.Reconciling));
        Assert.Equal(ConditionStatus.False, Condition(status, ConditionTypes.Stalled));
        Assert.Equal(ConditionStatus.True, Condition(status, ConditionTypes.InputHealthy));
        Assert.Equal(LiveStreamPhase.Live, status.Phase);
        Assert.Equal("studio", status.ActiveInput);
        Assert.Equal(2, status.PipelineGeneration);
        var rendition = Assert.Single(status.Renditions!);
        Assert.Equal(("720p", "1280x720", 2_800_000L), (rendition.Name, rendition.Resolution, rendition.Bitrate ?? 0));
        Assert.Null(rendition.Degraded);
    }

    [Fact]
    public void Map_Should_BeDegraded_When_BackupInputIsActive()
    {
        var (status, _) = StatusMapper.Map(null, new StreamObservation { Generation = 1, DesiredPipelineGeneration = 1, Runner = Runner(1, active: "backup") }, _clock);

        Assert.Equal(LiveStreamPhase.Degraded, status.Phase);
        Assert.Equal(ConditionReasons.FailedOver, ConditionSet.FindCondition(status.Conditions, ConditionTypes.InputHealthy)!.Reason);
    }

    [Fact]
    public void Map_Should_NotBeReady_When_NoInputDeliversYet()
    {
        var (status, _) = StatusMapper.Map(null, new StreamObservation { Generation = 1, DesiredPipelineGeneration = 1, Runner = Runner(1, active: null) }, _clock);

        Assert.Equal(ConditionStatus.False, Condition(status, ConditionTypes.Ready));
        Assert.Equal(ConditionStatus.False, Condition(status, ConditionTypes.InputHealthy));
        Assert.Equal(ConditionReasons.WaitingForInput, ConditionSet.FindCondition(status.Conditions, ConditionTypes.Ready)!.Reason);
    }

    [Theory]
    [InlineData("ProfileNotFound", "spec.profileRef.name: TranscodeProfile \"hd\" not found", LiveStreamPhase.Pending)]
    [InlineData("SecretNotFound", "spec.inputs[0].streamKey.secretKeyRef: Secret \"ingest\" not found", LiveStreamPhase.Pending)]
    [InlineData("InvalidSpec", "spec.inputs[0].url: scheme \"ftp\" is not supported", LiveStreamPhase.Failed)]
    public void Map_Should_BeStalledWithReasonAndField_When_SpecCannotResolve(string reason, string message, LiveStreamPhase phase)
    {
        var (status, _) = StatusMapper.Map(null, new StreamObservation { Generation = 2, Stall = new Stall(reason, message) }, _clock);

        var stalled = ConditionSet.FindCondition(status.Conditions, ConditionTypes.Stalled)!;
        Assert.Equal((ConditionStatus.True, reason, message), (stalled.Status, stalled.Reason, stalled.Message));
        Assert.Equal(ConditionStatus.False, Condition(status, ConditionTypes.Reconciling));
        Assert.Equal(ConditionStatus.False, Condition(status, ConditionTypes.Ready));
        Assert.Equal(phase, status.Phase);
        Assert.Equal(2, status.ObservedGeneration);
    }

    [Fact]
    public void Map_Should_ReportUnchanged_When_SameObservationMappedAgain()
    {
        var observation = new StreamObservation { Generation = 1, DesiredPipelineGeneration = 1, Runner = Runner(1) };
        var (first, changed) = StatusMapper.Map(null, observation, _clock);
        _clock.Now = _clock.Now.AddMinutes(5);

        var (second, changedAgain) = StatusMapper.Map(first, observation, _clock);

        Assert.True(changed);
        Assert.False(changedAgain);
        Assert.Equal(first.Conditions![0].LastTransitionTime, second.Conditions![0].LastTransitionTime);
    }

    [Fact]
    public void Map_Should_MoveTransitionTime_OnlyForFlippedConditions()
    {
        var (first, _) = StatusMapper.Map(null, new StreamObservation { Generation = 1, DesiredPipelineGeneration = 2, Runner = Runner(1) }, _clock);
        var start = _clock.Now;
        _clock.Now = start.AddMinutes(1);

        var (second, changed) = StatusMapper.Map(first, new StreamObservation { Generation = 1, DesiredPipelineGeneration = 2, Runner = Runner(2) }, _clock);

        Assert.True(changed);
        Assert.Equal(start.AddMinutes(1), ConditionSet.FindCondition(second.Conditions, ConditionTypes.Ready)!.LastTransitionTime);
        Assert.Equal(start, ConditionSet.FindCondition(second.Conditions, ConditionTypes.Stalled)!.LastTransitionTime);
    }

    [Fact]
    public void Map_Should_CopyFailoversNewestFirst_And_ReloadSummary()
    {
        var t = _clock.Now;
        var runner = Runner(2) with
        {
            RecentFailovers =
            [
                new RunnerFailover { Time = t.AddSeconds(-60), From = null, To = "studio", Reason = FailoverReason.Manual },
                new RunnerFailover { Time = t.AddSeconds(-10), From = "studio", To = "backup", Reason = FailoverReason.Timeout },
            ],
            LastReload = new ReloadPlan { PipelineGeneration = 2, PreviousGeneration = 1, AppliedAt = t, Restarted = ["encode/720p"], Kept = ["input/studio"] },
        };

        var (status, _) = StatusMapper.Map(null, new StreamObservation { Generation = 1, DesiredPipelineGeneration = 2, Runner = runner }, _clock);

        Assert.Equal(["backup", "studio"], status.RecentFailovers!.Select(f => f.To));
        Assert.Equal(FailoverReason.Timeout, status.RecentFailovers![0].Reason);
        Assert.Equal((2L, true, "restarted encode/720p; kept 1 stage"), (status.LastReload!.PipelineGeneration ?? 0, status.LastReload.Restarted ?? false, status.LastReload.Summary!));
    }

    [Fact]
    public void Map_Should_BePausedAndNotReady_When_Paused()
    {
        var (status, _) = StatusMapper.Map(null, new StreamObservation { Generation = 1, Paused = true }, _clock);

        Assert.Equal(LiveStreamPhase.Paused, status.Phase);
        Assert.Equal(ConditionReasons.Paused, ConditionSet.FindCondition(status.Conditions, ConditionTypes.Ready)!.Reason);
        Assert.Equal(ConditionStatus.False, Condition(status, ConditionTypes.Reconciling));
    }
}
