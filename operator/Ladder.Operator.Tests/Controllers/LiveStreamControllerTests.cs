using System.Text.Json;
using k8s.Models;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime.Conditions;
using Ladder.Operator.Tests.Support;

namespace Ladder.Operator.Tests.Controllers;

public sealed class LiveStreamControllerTests
{
    private static LiveStream? Stream(OperatorHarness h, string name = "news") =>
        h.Get<LiveStream>(name) is { } json ? OperatorHarness.As<LiveStream>(json) : null;

    private static V1Deployment? Deployment(OperatorHarness h, string name = "news") =>
        h.Get<V1Deployment>(name) is { } json ? OperatorHarness.As<V1Deployment>(json) : null;

    private static string? ReadyReason(LiveStream? s) => ConditionSet.FindCondition(s?.Status?.Conditions, ConditionTypes.Ready)?.Reason;

    private static async Task<(OperatorHarness Harness, LiveStream Stream)> StartWithStreamAsync()
    {
        LiveStream? stream = null;
        var h = await OperatorHarness.StartAsync(async clients =>
        {
            await clients.Secrets.CreateAsync(TestObjects.Namespace, TestObjects.IngestSecret());
            await clients.Profiles.CreateAsync(TestObjects.Namespace, TestObjects.Profile());
            stream = await clients.Streams.CreateAsync(TestObjects.Namespace, TestObjects.Stream());
        });
        return (h, stream!);
    }

    [Fact]
    public async Task Reconcile_Should_CreateOwnedObjects_And_GoFromReconcilingToReady_When_RunnerReportsGeneration()
    {
        var (h, stream) = await StartWithStreamAsync();
        await using var _ = h;

        await h.EventuallyAsync(() => ReadyReason(Stream(h)) == ConditionReasons.RunnerStarting, "the stream is Reconciling (runner starting)");
        Assert.True(ConditionSet.IsTrue(Stream(h)!.Status!.Conditions, ConditionTypes.Reconciling));
        foreach (var runnerObject in new[] { h.Get<V1Deployment>("news"), h.Get<V1Service>("news"), h.Get<V1Secret>("news-pipeline") })
        {
            var owner = runnerObject!["metadata"]!["ownerReferences"]![0]!;
            Assert.Equal((stream.Metadata.Uid, true), (owner["uid"]!.GetValue<string>(), owner["controller"]!.GetValue<bool>()));
        }

        h.Runner.Start("news", generation: 1);

        await h.EventuallyAsync(() => ReadyReason(Stream(h)) == ConditionReasons.Publishing, "the stream is Ready");
        var status = Stream(h)!.Status!;
        Assert.Equal((LiveStreamPhase.Live, "studio", 1L), (status.Phase, status.ActiveInput, status.PipelineGeneration ?? 0));
        Assert.Equal("http://news.media.svc:8080/hls/master.m3u8", status.Endpoints!.Hls);
        Assert.Equal("rtmp://news.media.svc:1935/live/****", status.Endpoints.Ingest![0].Url);
        await h.EventuallyAsync(() => h.Events.Recorded.Any(e => e.Reason == "Created"), "a Created event is recorded");
        Assert.Empty(h.Runner.Puts);
    }

    [Fact]
    public async Task Reconcile_Should_HotReloadWithoutNewPod_When_ProfileBitrateChanges()
    {
        var (h, _) = await StartWithStreamAsync();
        await using var __ = h;
        h.Runner.Start("news", generation: 1);
        await h.EventuallyAsync(() => ReadyReason(Stream(h)) == ConditionReasons.Publishing, "the stream is Ready");
        await h.CompleteRolloutAsync("news");
        var templateBefore = h.Get<V1Deployment>("news")!["spec"]!["template"]!.ToJsonString();

        await OperatorHarness.ChangeAsync(h.Objects.Profiles, "hd", p => p.Spec!.Video!.Renditions![0].Bitrate = Bitrate.Parse("3500k"));

        await h.EventuallyAsync(() => !h.Runner.Puts.IsEmpty, "the runner got a PUT");
        var (spec, authorization) = h.Runner.Puts.Single();
        Assert.Equal((2L, 3_500_000L), (spec.Generation, spec.Video.Renditions[0].Bitrate ?? 0));
        var token = System.Text.Encoding.UTF8.GetString(OperatorHarness.As<V1Secret>(h.Get<V1Secret>("news-pipeline")!).Data!["admin-token"]);
        Assert.Equal("Bearer " + token, authorization);
        await h.EventuallyAsync(() => Stream(h)?.Status?.PipelineGeneration == 2 && ReadyReason(Stream(h)) == ConditionReasons.Publishing, "the stream is Ready at generation 2");
        var secret = OperatorHarness.As<V1Secret>(h.Get<V1Secret>("news-pipeline")!);
        Assert.Contains("3500000", System.Text.Encoding.UTF8.GetString(secret.Data!["pipeline.json"]), StringComparison.Ordinal);
        Assert.Equal(templateBefore, h.Get<V1Deployment>("news")!["spec"]!["template"]!.ToJsonString());
        await h.EventuallyAsync(() => h.Events.Recorded.Any(e => e.Reason == "Reloaded"), "a Reloaded event is recorded");
    }

    [Fact]
    public async Task Reconcile_Should_ReloadEveryStream_When_TheirTemplateChanges()
    {
        var h = await OperatorHarness.StartAsync(async clients =>
        {
            await clients.Secrets.CreateAsync(TestObjects.Namespace, TestObjects.IngestSecret());
            await clients.Profiles.CreateAsync(TestObjects.Namespace, TestObjects.Profile());
            await clients.Templates.CreateAsync(TestObjects.Namespace, new Template
            {
                Metadata = new V1ObjectMeta { Name = "base" },
                Spec = new TemplateSpec { ProfileRef = new LocalObjectReference { Name = "hd" }, Inputs = TestObjects.Stream().Spec!.Inputs },
            });
            foreach (var name in new[] { "one", "two" })
            {
                await clients.Streams.CreateAsync(TestObjects.Namespace, TestObjects.Stream(name, profile: null, template: "base"));
            }
        });
        await using var _ = h;
        h.Runner.Start("one", generation: 1);
        h.Runner.Start("two", generation: 1);

        await h.EventuallyAsync(() => ReadyReason(Stream(h, "one")) == ConditionReasons.Publishing && ReadyReason(Stream(h, "two")) == ConditionReasons.Publishing, "both streams are Ready");
        await h.CompleteRolloutAsync("one");
        await h.CompleteRolloutAsync("two");
        await OperatorHarness.ChangeAsync(h.Objects.Templates, "base", t => t.Spec!.Failover = new FailoverSpec { InputTimeout = Duration.Parse("3s") });

        await h.EventuallyAsync(() => h.Runner.Generation("one") == 2 && h.Runner.Generation("two") == 2, "both runners reloaded");
        Assert.All(h.Runner.Puts, p => Assert.Equal(TimeSpan.FromSeconds(3), p.Spec.Failover.InputTimeout.Value));
        await h.EventuallyAsync(() => h.Get<Template>("base")?["status"]?["usedBy"]?.ToJsonString() == "[\"one\",\"two\"]", "the Template lists its users");
        await h.EventuallyAsync(() => h.Get<TranscodeProfile>("hd")?["status"]?["usedBy"]?.ToJsonString() == "[\"one\",\"two\"]", "the profile lists its users through the Template");
    }

    [Fact]
    public async Task Reconcile_Should_ChangePodTemplateChecksum_And_NotReload_When_ProfileNeedsGpu()
    {
        var (h, _) = await StartWithStreamAsync();
        await using var __ = h;
        h.Runner.Start("news", generation: 1);
        await h.EventuallyAsync(() => ReadyReason(Stream(h)) == ConditionReasons.Publishing, "the stream is Ready");
        await h.CompleteRolloutAsync("news");
        var checksum = Deployment(h)!.Spec!.Template!.Metadata!.Annotations!["ladder.dev/pod-template-checksum"];

        await OperatorHarness.ChangeAsync(h.Objects.Profiles, "hd", p => p.Spec!.Video!.Hardware = HardwareAcceleration.Nvidia);

        await h.EventuallyAsync(() => Deployment(h)!.Spec!.Template!.Metadata!.Annotations!["ladder.dev/pod-template-checksum"] != checksum, "the pod template changed");
        Assert.Equal("1", Deployment(h)!.Spec!.Template!.Spec!.Containers![0].Resources!.Limits!["nvidia.com/gpu"].ToString());
        await h.EventuallyAsync(() => ConditionSet.IsTrue(Stream(h)?.Status?.Conditions, ConditionTypes.Reconciling), "the stream waits for the new pod");
        Assert.Empty(h.Runner.Puts);
    }

    [Fact]
    public async Task Reconcile_Should_ScaleToZero_When_Paused()
    {
        var (h, _) = await StartWithStreamAsync();
        await using var __ = h;
        await h.EventuallyAsync(() => Deployment(h)?.Spec?.Replicas == 1, "the runner Deployment exists");

        await OperatorHarness.ChangeAsync(h.Objects.Streams, "news", s => s.Spec!.Paused = true);

        await h.EventuallyAsync(() => Deployment(h)?.Spec?.Replicas == 0 && Stream(h)?.Status?.Phase == LiveStreamPhase.Paused, "the runner is scaled to zero");
        Assert.NotNull(h.Get<V1Service>("news"));
        Assert.NotNull(h.Get<V1Secret>("news-pipeline"));
    }

    [Fact]
    public async Task Delete_Should_LeaveCleanupToGarbageCollector_When_StreamIsDeleted()
    {
        var (h, stream) = await StartWithStreamAsync();
        await using var __ = h;
        await h.EventuallyAsync(() => Deployment(h) is not null, "the runner Deployment exists");
        Assert.Null(Stream(h)!.Metadata.Finalizers);

        await h.Objects.Streams.DeleteAsync(TestObjects.Namespace, "news");

        await h.EventuallyAsync(() => Stream(h) is null, "the stream is gone at once (no finalizer)");
        Assert.Equal(stream.Metadata.Uid, Deployment(h)!.Metadata.OwnerReferences!.Single().Uid);
    }

    [Fact]
    public async Task Reconcile_Should_StallWithoutDeployment_When_ProfileIsMissing()
    {
        var h = await OperatorHarness.StartAsync(async clients =>
        {
            await clients.Secrets.CreateAsync(TestObjects.Namespace, TestObjects.IngestSecret());
            await clients.Streams.CreateAsync(TestObjects.Namespace, TestObjects.Stream(profile: "missing"));
        });
        await using var _ = h;

        await h.EventuallyAsync(() => ConditionSet.IsTrue(Stream(h)?.Status?.Conditions, ConditionTypes.Stalled), "the stream is Stalled");
        var stalled = ConditionSet.FindCondition(Stream(h)!.Status!.Conditions, ConditionTypes.Stalled)!;
        Assert.Equal(ConditionReasons.ProfileNotFound, stalled.Reason);
        Assert.StartsWith("spec.profileRef.name: TranscodeProfile \"missing\" not found", stalled.Message, StringComparison.Ordinal);
        Assert.Null(Deployment(h));
        await h.EventuallyAsync(() => h.Events.Recorded.Any(e => e.Type == ControllerRuntime.Events.EventType.Warning && e.Reason == ConditionReasons.ProfileNotFound), "a ProfileNotFound warning is recorded");
    }

    [Fact]
    public async Task Reconcile_Should_StallAsSecretNotFound_And_RecoverWhenSecretAppears()
    {
        var h = await OperatorHarness.StartAsync(async clients =>
        {
            await clients.Profiles.CreateAsync(TestObjects.Namespace, TestObjects.Profile());
            await clients.Streams.CreateAsync(TestObjects.Namespace, TestObjects.Stream());
        });
        await using var _ = h;
        await h.EventuallyAsync(() => ConditionSet.FindCondition(Stream(h)?.Status?.Conditions, ConditionTypes.Stalled)?.Reason == ConditionReasons.SecretNotFound, "the stream is Stalled on the Secret");
        Assert.Contains("spec.inputs[0].streamKey.secretKeyRef", ConditionSet.FindCondition(Stream(h)!.Status!.Conditions, ConditionTypes.Stalled)!.Message, StringComparison.Ordinal);

        await h.Objects.Secrets.CreateAsync(TestObjects.Namespace, TestObjects.IngestSecret());

        await h.EventuallyAsync(() => Deployment(h) is not null && ConditionSet.IsFalse(Stream(h)?.Status?.Conditions, ConditionTypes.Stalled), "the stream recovers");
    }

    [Fact]
    public async Task Reconcile_Should_NeverLeakStreamKey_IntoStatusEventsOrLogs()
    {
        var (h, _) = await StartWithStreamAsync();
        await using var __ = h;
        h.Runner.Start("news", generation: 1);
        await h.EventuallyAsync(() => ReadyReason(Stream(h)) == ConditionReasons.Publishing, "the stream is Ready");
        await h.CompleteRolloutAsync("news");
        await OperatorHarness.ChangeAsync(h.Objects.Profiles, "hd", p => p.Spec!.Video!.Renditions![0].Bitrate = Bitrate.Parse("3M"));
        await h.EventuallyAsync(() => Stream(h)?.Status?.PipelineGeneration == 2, "the runner reloaded");

        Assert.Contains(h.Logs.Lines, l => l.Contains("pipeline generation 2 stored", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Logs.Lines, l => l.Contains(TestObjects.StreamKey, StringComparison.Ordinal));
        Assert.DoesNotContain(h.Events.Recorded, e => (e.Note ?? "").Contains(TestObjects.StreamKey, StringComparison.Ordinal));
        Assert.DoesNotContain(TestObjects.StreamKey, h.Get<LiveStream>("news")!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(TestObjects.StreamKey, JsonSerializer.Serialize(h.Runner.Puts.Single().Spec.Inputs[0].Url), StringComparison.Ordinal);
    }
}
