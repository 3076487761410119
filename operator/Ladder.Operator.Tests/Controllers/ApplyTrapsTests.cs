using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime.Conditions;
using Ladder.Operator.Builders;
using Ladder.Operator.Tests.Support;
using ResourceQuantity = Ladder.Api.Primitives.ResourceQuantity;

namespace Ladder.Operator.Tests.Controllers;

/// <summary>
/// The traps of KubernetesClient's models where they bite the operator: quantities are compared in the canonical form
/// the API server stores, so an unchanged stream sends no apply and keeps its pod template checksum; and built-ins are
/// applied, never read and written back, so fields the models do not know survive a change.
/// </summary>
public sealed class ApplyTrapsTests
{
    private static LiveStream? Stream(OperatorHarness h) =>
        h.Get<LiveStream>("news") is { } json ? OperatorHarness.As<LiveStream>(json) : null;

    private static long Patches(OperatorHarness h) => h.Api.RequestCounts.GetValueOrDefault("PATCH");

    private static JsonObject Deployment(OperatorHarness h) => h.Get<V1Deployment>("news")!;

    private static string? Checksum(OperatorHarness h) => PodTemplateChecksum.Of(OperatorHarness.As<V1Deployment>(Deployment(h)));

    private static async Task<OperatorHarness> StartReadyAsync(Action<LiveStream> shape)
    {
        var h = await OperatorHarness.StartAsync(async clients =>
        {
            await clients.Secrets.CreateAsync(TestObjects.Namespace, TestObjects.IngestSecret());
            await clients.Profiles.CreateAsync(TestObjects.Namespace, TestObjects.Profile());
            var stream = TestObjects.Stream();
            shape(stream);
            await clients.Streams.CreateAsync(TestObjects.Namespace, stream);
        });
        h.Runner.Start("news", generation: 1);
        await h.EventuallyAsync(() => ConditionSet.FindCondition(Stream(h)?.Status?.Conditions, ConditionTypes.Ready)?.Reason == ConditionReasons.Publishing, "the stream is Ready");
        await h.CompleteRolloutAsync("news");
        return h;
    }

    // Touches the stream's annotations (a write that changes nothing the operator builds) and waits for its reconcile.
    private static async Task ReconcileAgainAsync(OperatorHarness h, string touch)
    {
        var before = await h.StreamReconcilesAsync();
        await OperatorHarness.ChangeAsync(h.Objects.Streams, "news", s => (s.Metadata.Annotations ??= new Dictionary<string, string>())["example.com/touched"] = touch);
        await h.EventuallyAsync(async () => await h.StreamReconcilesAsync() > before, $"the stream is reconciled after touch {touch}");
    }

    [Fact]
    public async Task Reconcile_Should_SendNoApply_And_KeepTheChecksum_When_AnUnchangedStreamGivesQuantitiesInAnotherForm()
    {
        var h = await StartReadyAsync(s => s.Spec!.Runner = new RunnerSpec
        {
            Resources = new Api.V1Alpha1.ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = "0.5", ["memory"] = "1024Mi" },
                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = "2000m", ["memory"] = "1.5Gi" },
            },
        });
        await using var _ = h;
        var resources = Deployment(h)["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!;
        Assert.Equal(("500m", "1Gi", "2", "1536Mi"), (resources["requests"]!["cpu"]!.GetValue<string>(), resources["requests"]!["memory"]!.GetValue<string>(),
            resources["limits"]!["cpu"]!.GetValue<string>(), resources["limits"]!["memory"]!.GetValue<string>()));
        var (patches, checksum, version) = (Patches(h), Checksum(h), Deployment(h)["metadata"]!["resourceVersion"]!.GetValue<string>());

        for (var touch = 1; touch <= 2; touch++)
        {
            await ReconcileAgainAsync(h, touch.ToString(CultureInfo.InvariantCulture));
        }

        Assert.Equal(patches, Patches(h));
        Assert.Equal(checksum, Checksum(h));
        Assert.Equal(version, Deployment(h)["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reconcile_Should_KeepFieldsTheModelsDoNotKnow_When_ItAppliesAChangedDeployment()
    {
        var h = await StartReadyAsync(_ => { });
        await using var _ = h;
        // Another manager (or a newer API version) set fields V1Deployment does not have.
        var future = new JsonObject { ["spec"] = new JsonObject { ["futureRolloutPolicy"] = "Gradual", ["template"] = new JsonObject { ["spec"] = new JsonObject { ["futurePodField"] = true } } } };
        await h.Kube.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(future, V1Patch.PatchType.MergePatch), "news", TestObjects.Namespace);

        await OperatorHarness.ChangeAsync(h.Objects.Streams, "news", s => s.Spec!.Runner = new RunnerSpec { Image = "ladder/runner:next" });

        await h.EventuallyAsync(() => Deployment(h)["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>() == "ladder/runner:next", "the new image is applied");
        Assert.Equal("Gradual", Deployment(h)["spec"]!["futureRolloutPolicy"]!.GetValue<string>());
        Assert.True(Deployment(h)["spec"]!["template"]!["spec"]!["futurePodField"]!.GetValue<bool>());
    }
}
