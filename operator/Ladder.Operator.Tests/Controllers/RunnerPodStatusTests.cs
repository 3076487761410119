using k8s.Models;
using Ladder.Api.Meta;
using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime.Conditions;
using Ladder.ControllerRuntime.Events;
using Ladder.Operator.Tests.Status;
using Ladder.Operator.Tests.Support;

namespace Ladder.Operator.Tests.Controllers;

/// <summary>
/// A runner that does not answer is explained by its pod: the LiveStream's conditions carry the pod's own reason and
/// message (Stalled where a person must act, Reconciling while Kubernetes makes progress), with an Event per change.
/// </summary>
public sealed class RunnerPodStatusTests
{
    private static LiveStream? Stream(OperatorHarness h) =>
        h.Get<LiveStream>("news") is { } json ? OperatorHarness.As<LiveStream>(json) : null;

    private static V1Condition? Find(OperatorHarness h, string type) => ConditionSet.FindCondition(Stream(h)?.Status?.Conditions, type);

    // Plays the scheduler and the kubelet: the pod is created as the ReplicaSet would, its status written as they do.
    private static async Task SetPodAsync(OperatorHarness h, string status)
    {
        var desired = RunnerPods.With(status);
        var live = await h.Objects.Pods.TryGetAsync(TestObjects.Namespace, desired.Metadata.Name!)
            ?? await h.Objects.Pods.CreateAsync(TestObjects.Namespace, new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = desired.Metadata, Spec = desired.Spec });

        live.Status = desired.Status;
        await h.Objects.Pods.ReplaceStatusAsync(live);
    }

    private static Task<OperatorHarness> StartWithStreamAsync() => OperatorHarness.StartAsync(async clients =>
    {
        await clients.Secrets.CreateAsync(TestObjects.Namespace, TestObjects.IngestSecret());
        await clients.Profiles.CreateAsync(TestObjects.Namespace, TestObjects.Profile());
        await clients.Streams.CreateAsync(TestObjects.Namespace, TestObjects.Stream());
    });

    [Fact]
    public async Task Reconcile_Should_StallNamingTheMemoryLimit_When_TheRunnerIsOomKilled_And_RecoverWhenItRuns()
    {
        var h = await StartWithStreamAsync();
        await using var _ = h;

        await SetPodAsync(h, RunnerPods.OomKilled);

        await h.EventuallyAsync(() => Find(h, ConditionTypes.Stalled) is { Status: ConditionStatus.True, Reason: ConditionReasons.RunnerOOMKilled }, "the stream is Stalled on OOMKilled");
        Assert.Contains("limit of 1Gi (OOMKilled, restarted 3 times)", Find(h, ConditionTypes.Ready)!.Message, StringComparison.Ordinal);
        Assert.Equal(ConditionStatus.False, Find(h, ConditionTypes.Reconciling)!.Status);
        Assert.Equal(LiveStreamPhase.Failed, Stream(h)!.Status!.Phase);
        await h.EventuallyAsync(() => h.Events.Recorded.Any(e => e.Type == EventType.Warning && e.Reason == ConditionReasons.RunnerOOMKilled), "a RunnerOOMKilled warning is recorded");

        await SetPodAsync(h, RunnerPods.Running);

        await h.EventuallyAsync(() => Find(h, ConditionTypes.Stalled)?.Status == ConditionStatus.False && Find(h, ConditionTypes.Reconciling)?.Status == ConditionStatus.True,
            "the stream is Reconciling again once the pod runs");
        Assert.Equal(ConditionReasons.RunnerStarting, Find(h, ConditionTypes.Reconciling)!.Reason);
    }

    [Fact]
    public async Task Reconcile_Should_StallWithTheSchedulersMessage_When_TheRunnerPodCannotBeScheduled()
    {
        var h = await StartWithStreamAsync();
        await using var _ = h;

        await SetPodAsync(h, RunnerPods.Unscheduled);
        await h.EventuallyAsync(() => Find(h, ConditionTypes.Reconciling)?.Message?.Contains("is Pending (not scheduled yet)", StringComparison.Ordinal) == true,
            "a pending pod shows as Reconciling, not as a DNS error");

        await SetPodAsync(h, RunnerPods.Unschedulable);

        await h.EventuallyAsync(() => Find(h, ConditionTypes.Stalled) is { Status: ConditionStatus.True, Reason: ConditionReasons.RunnerUnschedulable }, "the stream is Stalled as unschedulable");
        Assert.Contains("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.", Find(h, ConditionTypes.Stalled)!.Message, StringComparison.Ordinal);
    }
}
