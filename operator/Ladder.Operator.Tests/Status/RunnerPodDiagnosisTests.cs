using Ladder.Api.V1Alpha1;
using Ladder.Operator.Status;

namespace Ladder.Operator.Tests.Status;

public sealed class RunnerPodDiagnosisTests
{
    [Fact]
    public void Diagnose_Should_StallWithTheSchedulersMessage_When_NoNodeHasAGpu()
    {
        var state = RunnerPodDiagnosis.Diagnose([RunnerPods.With(RunnerPods.Unschedulable)])!;

        Assert.Equal(ConditionReasons.RunnerUnschedulable, state.Reason);
        Assert.True(state.Stalled);
        Assert.StartsWith("runner pod news-7c9d5b6f4-x2lq8 cannot be scheduled: 0/3 nodes are available: 3 Insufficient nvidia.com/gpu.", state.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_Should_NameTheImage_When_ItCannotBePulled()
    {
        var state = RunnerPodDiagnosis.Diagnose([RunnerPods.With(RunnerPods.ImagePullBackOff)])!;

        Assert.Equal(ConditionReasons.RunnerImagePullFailed, state.Reason);
        Assert.True(state.Stalled);
        Assert.Contains("cannot pull image ghcr.io/ladder-dev/pipeline-runner:0.1.0 (ImagePullBackOff)", state.Message, StringComparison.Ordinal);
        Assert.Contains("spec.runner.image", state.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_Should_CarryTheRunnersTerminationMessage_When_ItCrashLoops()
    {
        var state = RunnerPodDiagnosis.Diagnose([RunnerPods.With(RunnerPods.CrashLoop)])!;

        Assert.Equal(ConditionReasons.RunnerCrashLooping, state.Reason);
        Assert.True(state.Stalled);
        Assert.Equal("runner pod news-7c9d5b6f4-x2lq8 keeps crashing (exit code 1, restarted 4 times): input main: cannot open /media/missing.mp4: No such file or directory",
            state.Message);
    }

    [Fact]
    public void Diagnose_Should_NameTheMemoryLimit_When_TheRunnerIsOomKilled()
    {
        var state = RunnerPodDiagnosis.Diagnose([RunnerPods.With(RunnerPods.OomKilled, memoryLimit: "1536Mi")])!;

        Assert.Equal(ConditionReasons.RunnerOOMKilled, state.Reason);
        Assert.True(state.Stalled);
        Assert.Contains("more memory than its limit of 1536Mi (OOMKilled, restarted 3 times)", state.Message, StringComparison.Ordinal);
        Assert.Contains("spec.runner.resources.limits.memory", state.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RunnerPods.Unscheduled, "runner pod news-7c9d5b6f4-x2lq8 is Pending (not scheduled yet)")]
    [InlineData(RunnerPods.Running, "runner pod news-7c9d5b6f4-x2lq8 is Running, its runner not answering yet")]
    public void Diagnose_Should_SayItIsStarting_When_KubernetesIsStillMakingProgress(string status, string message)
    {
        var state = RunnerPodDiagnosis.Diagnose([RunnerPods.With(status)])!;

        Assert.Equal((ConditionReasons.RunnerStarting, message, false), (state.Reason, state.Message, state.Stalled));
    }

    [Fact]
    public void Diagnose_Should_ReadTheNewestPod_When_ARolloutLeavesAnOldOne()
    {
        var old = RunnerPods.With(RunnerPods.CrashLoop, name: "news-old", created: DateTimeOffset.Parse("2026-12-04T09:00:00Z"));
        var current = RunnerPods.With(RunnerPods.Unschedulable, name: "news-new", created: DateTimeOffset.Parse("2026-12-04T10:00:00Z"));

        Assert.Equal(ConditionReasons.RunnerUnschedulable, RunnerPodDiagnosis.Diagnose([old, current])!.Reason);
        Assert.Null(RunnerPodDiagnosis.Diagnose([]));
    }
}
