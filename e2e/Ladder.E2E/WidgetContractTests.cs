using System.Text.Json.Nodes;
using Ladder.Api.Meta;
using Ladder.Kubernetes;
using Ladder.Kubernetes.Errors;
using Ladder.Kubernetes.Models;
using Ladder.Kubernetes.Watch;
using V1Condition = k8s.Models.V1Condition;
using V1ObjectMeta = k8s.Models.V1ObjectMeta;

namespace Ladder.E2E;

/// <summary>
/// The replay scenarios of <c>Ladder.Kubernetes.Tests</c> (fixtures 03-42), run against a real cluster on the test
/// CRD: the same requests, each test on widgets of its own in the shared throwaway namespace.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WidgetContractTests(ClusterFixture cluster)
{
    private const string ScenarioLabel = "e2e.ladder.dev/scenario";

    private string Ns => cluster.Namespace;

    private IResourceClient<Widget> Widgets => cluster.Client.Resource<Widget>(cluster.Widgets);

    [ClusterFact]
    public async Task Crd_Should_BeEstablished_With_TheAcceptedNames()
    {
        // 03, 04
        var crd = await cluster.Client.Resource<CustomResourceDefinition>(ApiResource.CustomResourceDefinitions).GetAsync(null, WidgetCrd.Name(cluster.Widgets));
        Assert.True(WidgetCrd.IsEstablished(crd));
        Assert.Equal("widgets", crd.Status!.AcceptedNames!.Plural);
        Assert.Equal("Widget", crd.Status.AcceptedNames.Kind);
        Assert.Equal([WidgetCrd.Version], crd.Status.StoredVersions!);
    }

    [ClusterFact]
    public async Task Crud_Should_GetWhatWasCreated_And_ConflictOnAStaleResourceVersion_And_RefuseADuplicateName()
    {
        // 08, 09, 10, 14, 17, 18
        var created = await Widgets.CreateAsync(Ns, New("w-crud", 3, "red", ("app", "demo")));
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(Ns, created.Metadata.NamespaceProperty);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));

        var read = await Widgets.GetAsync(Ns, "w-crud");
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal(3, read.Spec!.Size);
        Assert.NotEmpty(read.Metadata.ManagedFields);

        var missing = await Assert.ThrowsAsync<KubeApiException>(() => Widgets.GetAsync(Ns, "does-not-exist"));
        Assert.True(missing.IsNotFound);
        Assert.Contains("\"does-not-exist\" not found", missing.Message, StringComparison.Ordinal);

        var duplicate = await Assert.ThrowsAsync<KubeApiException>(() => Widgets.CreateAsync(Ns, New("w-crud", 3, "red")));
        Assert.True(duplicate.IsAlreadyExists);
        Assert.False(duplicate.IsConflict);

        read.Spec.Size = 4;
        var updated = await Widgets.UpdateAsync(read);
        Assert.Equal(2, updated.Metadata.Generation);
        Assert.Equal(4, updated.Spec!.Size);
        Assert.NotEqual(read.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);

        read.Spec.Size = 8; // still at the resourceVersion before the update
        var stale = await Assert.ThrowsAsync<KubeApiException>(() => Widgets.UpdateAsync(read));
        Assert.True(stale.IsConflict);
        Assert.Contains("the object has been modified", stale.Message, StringComparison.Ordinal);
        Assert.Equal(4, (await Widgets.GetAsync(Ns, "w-crud")).Spec!.Size);
    }

    [ClusterFact]
    public async Task Patch_Should_MergeAMergePatch_And_ApplyAJsonPatch_And_ThrowInvalid_When_AJsonPatchTestFails()
    {
        // 19, 20, 21
        await Widgets.CreateAsync(Ns, New("w-patch", 3, "red", ("app", "demo")));

        var merged = await Widgets.PatchAsync(Ns, "w-patch", PatchType.Merge, JsonNode.Parse("""{"metadata":{"labels":{"tier":"gold"}},"spec":{"size":5}}""")!);
        Assert.Equal("gold", merged.Metadata.Labels!["tier"]);
        Assert.Equal("demo", merged.Metadata.Labels["app"]);
        Assert.Equal(5, merged.Spec!.Size);
        Assert.Equal("red", merged.Spec.Color);

        var patched = await Widgets.PatchAsync(Ns, "w-patch", PatchType.JsonPatch, JsonNode.Parse("""
            [{"op":"test","path":"/spec/size","value":5},{"op":"replace","path":"/spec/color","value":"blue"},{"op":"add","path":"/metadata/annotations","value":{"example.com/note":"patched"}}]
            """)!);
        Assert.Equal("blue", patched.Spec!.Color);
        Assert.Equal("patched", patched.Metadata.Annotations!["example.com/note"]);
        Assert.Equal(merged.Metadata.Generation + 1, patched.Metadata.Generation);

        var failed = await Assert.ThrowsAsync<KubeApiException>(() => Widgets.PatchAsync(Ns, "w-patch", PatchType.JsonPatch,
            JsonNode.Parse("""[{"op":"test","path":"/spec/size","value":99},{"op":"replace","path":"/spec/size","value":7}]""")!));
        Assert.True(failed.IsInvalid);
        Assert.Equal(5, (await Widgets.GetAsync(Ns, "w-patch")).Spec!.Size);
    }

    [ClusterFact]
    public async Task Apply_Should_Create_And_ConflictWithAnotherManager_UnlessForced()
    {
        // 24, 23, 22
        var created = await Widgets.ApplyAsync(New("w-apply", 3, "blue", ("app", "demo")), new ApplyOptions { FieldManager = "test" });
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal("blue", created.Spec!.Color);

        var resize = New("w-apply", 7, null);
        var conflict = await Assert.ThrowsAsync<KubeApiException>(() => Widgets.ApplyAsync(resize, new ApplyOptions { FieldManager = "other" }));
        Assert.True(conflict.IsConflict);
        var cause = Assert.Single(conflict.Causes);
        Assert.Equal("FieldManagerConflict", cause.Reason);
        Assert.Equal(".spec.size", cause.Field);
        Assert.Contains("conflict with \"test\"", cause.Message, StringComparison.Ordinal);

        var forced = await Widgets.ApplyAsync(resize, new ApplyOptions { FieldManager = "other", Force = true });
        Assert.Equal(7, forced.Spec!.Size);
        Assert.Equal("blue", forced.Spec.Color);
        Assert.Equal(2, forced.Metadata.Generation);
    }

    [ClusterFact]
    public async Task Status_Should_IgnoreSpecChanges_And_KeepTheGeneration_When_WrittenThroughTheSubresource()
    {
        // 25, 26
        await Widgets.CreateAsync(Ns, New("w-status", 6, "blue"));
        var widget = await Widgets.GetAsync(Ns, "w-status");
        var generation = widget.Metadata.Generation;
        widget.Spec!.Size = 9;
        widget.Status = new WidgetStatus
        {
            ObservedGeneration = generation,
            Conditions =
            [
                new V1Condition
                {
                    Type = "Ready",
                    Status = ConditionStatus.False,
                    Reason = "Provisioning",
                    Message = "widget is being provisioned",
                    ObservedGeneration = generation,
                    LastTransitionTime = new DateTime(2026, 11, 21, 10, 5, 0, DateTimeKind.Utc),
                },
            ],
        };
        var updated = await Widgets.UpdateStatusAsync(widget);
        Assert.Equal(6, updated.Spec!.Size);
        Assert.Equal(generation, updated.Metadata.Generation);
        Assert.Equal(generation, updated.Status!.ObservedGeneration);
        var provisioning = Assert.Single(updated.Status.Conditions!);
        Assert.Equal((ConditionStatus.False, "Provisioning"), (provisioning.Status, provisioning.Reason));

        var patched = await Widgets.PatchStatusAsync(Ns, "w-status", PatchType.Merge, JsonNode.Parse("""
            {"spec":{"size":10},"status":{"conditions":[{"type":"Ready","status":"True","reason":"Provisioned","message":"widget is ready","observedGeneration":1,"lastTransitionTime":"2026-11-21T10:05:30Z"}]}}
            """)!);
        Assert.Equal(6, patched.Spec!.Size);
        Assert.Equal(generation, patched.Metadata.Generation);
        var ready = Assert.Single(patched.Status!.Conditions!);
        Assert.Equal((ConditionStatus.True, "Provisioned"), (ready.Status, ready.Reason));
    }

    [ClusterFact]
    public async Task List_Should_PageWithContinueTokens_And_ListAllShouldFollowThem()
    {
        // 27, 28, 29 (with a label selector: the namespace is shared with the other tests)
        string[] names = ["w-page-1", "w-page-2", "w-page-3", "w-page-4", "w-page-5"];
        foreach (var name in names)
        {
            await Widgets.CreateAsync(Ns, New(name, 1, "blue", (ScenarioLabel, "paging")));
        }

        var options = new ListOptions { LabelSelector = $"{ScenarioLabel}=paging", Limit = 2 };
        var pages = new List<KubernetesList<Widget>> { await Widgets.ListAsync(Ns, options) };
        while (!string.IsNullOrEmpty(pages[^1].Metadata.Continue))
        {
            Assert.True(pages.Count < names.Length, "the server kept answering with a continue token");
            pages.Add(await Widgets.ListAsync(Ns, options with { Continue = pages[^1].Metadata.Continue }));
        }

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(names, pages.SelectMany(p => p.Items).Select(w => w.Metadata.Name));
        Assert.Equal("WidgetList", pages[0].Kind);

        var all = new List<string>();
        await foreach (var widget in Widgets.ListAllAsync(Ns, options))
        {
            all.Add(widget.Metadata.Name!);
        }

        Assert.Equal(names, all);
    }

    [ClusterFact]
    public async Task Watch_Should_DeliverTheChangesInOrder_And_ResumeFromTheLastResourceVersion()
    {
        // 35, 36; then a second watch from the last resourceVersion seen, as an informer resumes
        var selector = $"{ScenarioLabel}=watch";
        var start = (await Widgets.ListAsync(Ns, new ListOptions { LabelSelector = selector })).Metadata.ResourceVersion;
        await Widgets.CreateAsync(Ns, New("w-watch", 1, "blue", (ScenarioLabel, "watch")));
        await Widgets.PatchAsync(Ns, "w-watch", PatchType.Merge, JsonNode.Parse("""{"spec":{"size":2}}""")!);
        Assert.Null(await Widgets.DeleteAsync(Ns, "w-watch"));

        // The changes are in the watch cache's history after `start`; the server ends the watch at timeoutSeconds. A
        // bookmark is a hint the server may or may not send (API conventions: clients cannot assume any arrives; 1.26
        // sent one 2 s before the timeout, 1.28 and 1.32 send none), so only its shape is checked when one comes.
        var events = new List<WatchEvent<Widget>>();
        await foreach (var e in Widgets.WatchAsync(Ns, new ListOptions { LabelSelector = selector, ResourceVersion = start, TimeoutSeconds = 6, AllowWatchBookmarks = true }))
        {
            events.Add(e);
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Take(3).Select(e => e.Type));
        Assert.All(events.Take(3), e => Assert.Equal("w-watch", e.Object.Metadata.Name));
        Assert.Equal(new int?[] { 1, 2, 2 }, events.Take(3).Select(e => e.Object.Spec!.Size));
        var bookmarks = events.Skip(3).ToList();
        Assert.All(bookmarks, b =>
        {
            Assert.Equal(WatchEventType.Bookmark, b.Type);
            Assert.Null(b.Object.Metadata.Name);
            Assert.False(string.IsNullOrEmpty(b.Object.Metadata.ResourceVersion));
        });

        var resumeFrom = events[^1].Object.Metadata.ResourceVersion;
        await Widgets.CreateAsync(Ns, New("w-watch-2", 1, "blue", (ScenarioLabel, "watch")));
        WatchEvent<Widget>? next = null;
        await foreach (var e in Widgets.WatchAsync(Ns, new ListOptions { LabelSelector = selector, ResourceVersion = resumeFrom, TimeoutSeconds = 10, AllowWatchBookmarks = true }))
        {
            if (e.Type != WatchEventType.Bookmark)
            {
                next = e;
                break;
            }
        }

        Assert.NotNull(next);
        Assert.Equal((WatchEventType.Added, "w-watch-2"), (next.Type, next.Object.Metadata.Name));
    }

    [ClusterFact]
    public async Task Watch_Should_ThrowGone_When_TheResourceVersionIsTooOld_And_RelistThen()
    {
        // 38, 34
        var error = await Assert.ThrowsAsync<KubeApiException>(async () =>
        {
            await foreach (var unused in Widgets.WatchAsync(Ns, new ListOptions { ResourceVersion = "1", TimeoutSeconds = 5, AllowWatchBookmarks = true }))
            {
                Assert.Fail("no event expected before the ERROR");
            }
        });
        Assert.True(error.IsGone);
        Assert.Contains("too old resource version", error.Message, StringComparison.Ordinal);

        var relisted = await Widgets.ListAsync(Ns);
        Assert.False(string.IsNullOrEmpty(relisted.Metadata.ResourceVersion));
    }

    [ClusterFact]
    public async Task Create_Should_ThrowInvalidWithCauses_When_TheSchemaRejectsIt()
    {
        // 11, 12
        var error = await Assert.ThrowsAsync<KubeApiException>(() => Widgets.CreateAsync(Ns, New("bad-schema", 0, "green")));
        Assert.True(error.IsInvalid);
        Assert.Contains(error.Causes, c => c.Field == "spec.color" && c.Reason == "FieldValueNotSupported");
        Assert.Contains(error.Causes, c => c.Field == "spec.size" && c.Reason == "FieldValueInvalid");
        Assert.Contains("spec.color", error.Message, StringComparison.Ordinal);

        var required = await Assert.ThrowsAsync<KubeApiException>(() => Widgets.CreateAsync(Ns, New("bad-required", null, "blue")));
        Assert.True(required.IsInvalid);
        Assert.Contains(required.Causes, c => c.Field == "spec.size" && c.Reason == "FieldValueRequired");
    }

    [ClusterFact]
    public async Task Create_Should_ThrowInvalid_When_TheCelRuleFails()
    {
        // 13
        var error = await Assert.ThrowsAsync<KubeApiException>(() => Widgets.CreateAsync(Ns, New("bad-cel", 20, "red")));
        Assert.True(error.IsInvalid);
        Assert.Contains(error.Causes, c => c.Field == "spec" && c.Message!.Contains(WidgetCrd.CelMessage, StringComparison.Ordinal));
    }

    [ClusterFact]
    public async Task Finalizers_Should_HoldTheWidgetAfterDelete_UntilTheyAreRemoved()
    {
        // 39, 40, 41, 42
        var removeFinalizers = JsonNode.Parse("""{"metadata":{"finalizers":null}}""")!;
        var widget = New("w-final", 1, "blue");
        widget.Metadata.Finalizers = ["example.com/cleanup"];
        var created = await Widgets.CreateAsync(Ns, widget);
        try
        {
            Assert.Equal(["example.com/cleanup"], created.Metadata.Finalizers!);
            var deleting = await Widgets.DeleteAsync(Ns, "w-final");
            Assert.NotNull(deleting);
            Assert.NotNull(deleting.Metadata.DeletionTimestamp);
            Assert.Equal(["example.com/cleanup"], deleting.Metadata.Finalizers!);
            Assert.NotNull((await Widgets.GetAsync(Ns, "w-final")).Metadata.DeletionTimestamp);

            var released = await Widgets.PatchAsync(Ns, "w-final", PatchType.Merge, removeFinalizers);
            Assert.Null(released.Metadata.Finalizers);
            var error = await Assert.ThrowsAsync<KubeApiException>(() => Widgets.GetAsync(Ns, "w-final"));
            Assert.True(error.IsNotFound);
        }
        finally
        {
            // A failed assertion must not leave a finalizer that would hold the namespace and the CRD for ever.
            try
            {
                await Widgets.PatchAsync(Ns, "w-final", PatchType.Merge, removeFinalizers);
            }
            catch (KubeApiException e) when (e.IsNotFound)
            {
                // removed above: the normal case
            }
        }
    }

    private Widget New(string name, int? size, string? color, params (string Key, string Value)[] labels) => new()
    {
        // A custom resource must carry apiVersion and kind: the server does not default them from the URL.
        ApiVersion = cluster.Widgets.ApiVersion,
        Kind = cluster.Widgets.Kind,
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = Ns, // apply and update address the object by metadata.namespace
            Labels = labels.Length == 0 ? null : labels.ToDictionary(l => l.Key, l => l.Value),
        },
        Spec = new WidgetSpec { Size = size, Color = color },
    };
}
