using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Ladder.Api.Meta;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Errors;
using Ladder.Kubernetes.Testing;

namespace Ladder.E2E;

/// <summary>
/// The real-server contract of what Ladder relies on for a custom resource, through what Ladder uses: KubernetesClient's
/// <c>CustomObjects</c> calls with refusals as <see cref="ApiStatusException"/>, and ControllerRuntime's
/// <see cref="ListWatch{T}"/> and <see cref="Informer{T}"/> for LIST and WATCH. The scenarios are those of the
/// replay fixtures 03-42, on the test CRD, each test on widgets of its own in the shared throwaway namespace.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WidgetContractTests(ClusterFixture cluster)
{
    private const string ScenarioLabel = "e2e.ladder.dev/scenario";

    private string Ns => cluster.Namespace;

    private ObjectClient<Widget> Widgets => cluster.Widgets;

    private static V1Patch Merge(string json) => new(JsonNode.Parse(json)!, V1Patch.PatchType.MergePatch);

    [ClusterFact]
    public async Task Crd_Should_BeEstablished_With_TheAcceptedNames()
    {
        // 03, 04
        var crd = await cluster.Kube.ApiextensionsV1.ReadCustomResourceDefinitionAsync(WidgetCrd.Name(Widgets.Resource));
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

        var missing = await Assert.ThrowsAsync<ApiStatusException>(() => Widgets.GetAsync(Ns, "does-not-exist"));
        Assert.True(missing.IsNotFound);
        Assert.Contains("\"does-not-exist\" not found", missing.Message, StringComparison.Ordinal);

        var duplicate = await Assert.ThrowsAsync<ApiStatusException>(() => Widgets.CreateAsync(Ns, New("w-crud", 3, "red")));
        Assert.True(duplicate.IsAlreadyExists);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, duplicate.StatusCode); // 409 too, but not reason Conflict: nothing stale to re-read
        Assert.False(duplicate.IsConflict);

        read.Spec.Size = 4;
        var updated = await Widgets.ReplaceAsync(read);
        Assert.Equal(2, updated.Metadata.Generation);
        Assert.Equal(4, updated.Spec!.Size);
        Assert.NotEqual(read.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);

        read.Spec.Size = 8; // still at the resourceVersion before the update
        var stale = await Assert.ThrowsAsync<ApiStatusException>(() => Widgets.ReplaceAsync(read));
        Assert.True(stale.IsConflict);
        Assert.Contains("the object has been modified", stale.Message, StringComparison.Ordinal);
        Assert.Equal(4, (await Widgets.GetAsync(Ns, "w-crud")).Spec!.Size);
    }

    [ClusterFact]
    public async Task Patch_Should_MergeAMergePatch_And_ApplyAJsonPatch_And_ThrowInvalid_When_AJsonPatchTestFails()
    {
        // 19, 20, 21
        await Widgets.CreateAsync(Ns, New("w-patch", 3, "red", ("app", "demo")));

        var merged = await Widgets.PatchAsync(Ns, "w-patch", Merge("""{"metadata":{"labels":{"tier":"gold"}},"spec":{"size":5}}"""));
        Assert.Equal("gold", merged.Metadata.Labels!["tier"]);
        Assert.Equal("demo", merged.Metadata.Labels["app"]);
        Assert.Equal(5, merged.Spec!.Size);
        Assert.Equal("red", merged.Spec.Color);

        var patched = await Widgets.PatchAsync(Ns, "w-patch", new V1Patch(JsonNode.Parse("""
            [{"op":"test","path":"/spec/size","value":5},{"op":"replace","path":"/spec/color","value":"blue"},{"op":"add","path":"/metadata/annotations","value":{"example.com/note":"patched"}}]
            """)!, V1Patch.PatchType.JsonPatch));
        Assert.Equal("blue", patched.Spec!.Color);
        Assert.Equal("patched", patched.Metadata.Annotations!["example.com/note"]);
        Assert.Equal(merged.Metadata.Generation + 1, patched.Metadata.Generation);

        var failed = await Assert.ThrowsAsync<ApiStatusException>(() => Widgets.PatchAsync(Ns, "w-patch",
            new V1Patch(JsonNode.Parse("""[{"op":"test","path":"/spec/size","value":99},{"op":"replace","path":"/spec/size","value":7}]""")!, V1Patch.PatchType.JsonPatch)));
        Assert.True(failed.IsInvalid);
        Assert.Equal(5, (await Widgets.GetAsync(Ns, "w-patch")).Spec!.Size);
    }

    [ClusterFact]
    public async Task Apply_Should_Create_And_ConflictWithAnotherManager_UnlessForced()
    {
        // 24, 23, 22
        var created = await Widgets.ApplyAsync(New("w-apply", 3, "blue", ("app", "demo")), "test");
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal("blue", created.Spec!.Color);

        var resize = New("w-apply", 7, null);
        var conflict = await Assert.ThrowsAsync<ApiStatusException>(() => Widgets.ApplyAsync(resize, "other"));
        Assert.True(conflict.IsConflict);
        var cause = Assert.Single(conflict.Causes);
        Assert.Equal("FieldManagerConflict", cause.Reason);
        Assert.Equal(".spec.size", cause.Field);
        Assert.Contains("conflict with \"test\"", cause.Message, StringComparison.Ordinal);

        var forced = await Widgets.ApplyAsync(resize, "other", force: true);
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
        var updated = await Widgets.ReplaceStatusAsync(widget);
        Assert.Equal(6, updated.Spec!.Size);
        Assert.Equal(generation, updated.Metadata.Generation);
        Assert.Equal(generation, updated.Status!.ObservedGeneration);
        var provisioning = Assert.Single(updated.Status.Conditions!);
        Assert.Equal((ConditionStatus.False, "Provisioning"), (provisioning.Status, provisioning.Reason));

        var patched = await Widgets.PatchStatusAsync(Ns, "w-status", Merge("""
            {"spec":{"size":10},"status":{"conditions":[{"type":"Ready","status":"True","reason":"Provisioned","message":"widget is ready","observedGeneration":1,"lastTransitionTime":"2026-11-21T10:05:30Z"}]}}
            """));
        Assert.Equal(6, patched.Spec!.Size);
        Assert.Equal(generation, patched.Metadata.Generation);
        var ready = Assert.Single(patched.Status!.Conditions!);
        Assert.Equal((ConditionStatus.True, "Provisioned"), (ready.Status, ready.Reason));
    }

    [ClusterFact]
    public async Task List_Should_PageWithContinueTokens_And_ListAllShouldFollowThem()
    {
        // 27, 28, 29 (with a label selector: the namespace is shared with the other tests); "list all" is the
        // informer's initial LIST, paged at InformerOptions.PageSize
        string[] names = ["w-page-1", "w-page-2", "w-page-3", "w-page-4", "w-page-5"];
        foreach (var name in names)
        {
            await Widgets.CreateAsync(Ns, New(name, 1, "blue", (ScenarioLabel, "paging")));
        }

        var request = new ListRequest { Namespace = Ns, LabelSelector = $"{ScenarioLabel}=paging", Limit = 2 };
        var pages = new List<ListPage<Widget>> { await Widgets.ListWatch.ListAsync(request, CancellationToken.None) };
        while (!string.IsNullOrEmpty(pages[^1].Continue))
        {
            Assert.True(pages.Count < names.Length, "the server kept answering with a continue token");
            pages.Add(await Widgets.ListWatch.ListAsync(request with { Continue = pages[^1].Continue }, CancellationToken.None));
        }

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(names, pages.SelectMany(p => p.Items).Select(w => w.Metadata.Name));
        Assert.All(pages, p => Assert.False(string.IsNullOrEmpty(p.ResourceVersion)));
        var list = await cluster.Kube.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<Widget>>(
            Widgets.Resource.Group, Widgets.Resource.Version, Ns, Widgets.Resource.Plural, labelSelector: request.LabelSelector, limit: 2);
        Assert.Equal("WidgetList", list.Kind);

        var informer = new Informer<Widget>(Widgets.ListWatch, new InformerOptions { Namespace = Ns, LabelSelector = request.LabelSelector, PageSize = 2 });
        using var stop = new CancellationTokenSource();
        var running = informer.RunAsync(stop.Token);
        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Assert.True(await informer.WaitForCacheSyncAsync(patience.Token), "the informer did not sync within 30 s");
            Assert.Equal(names, informer.Store.List().Select(w => w.Metadata.Name).Order(StringComparer.Ordinal));
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    [ClusterFact]
    public async Task Watch_Should_DeliverTheChangesInOrder_And_ResumeFromTheLastResourceVersion()
    {
        // 35, 36; then a second watch from the last resourceVersion seen, as an informer resumes
        var selector = new ListRequest { Namespace = Ns, LabelSelector = $"{ScenarioLabel}=watch" };
        var start = (await Widgets.ListWatch.ListAsync(selector, CancellationToken.None)).ResourceVersion;
        await Widgets.CreateAsync(Ns, New("w-watch", 1, "blue", (ScenarioLabel, "watch")));
        await Widgets.PatchAsync(Ns, "w-watch", Merge("""{"spec":{"size":2}}"""));
        Assert.Null(await Widgets.DeleteAsync(Ns, "w-watch")); // gone at once

        // The changes are in the watch cache's history after `start`; the server ends the watch at timeoutSeconds. A
        // bookmark is a hint the server may or may not send (API conventions: clients cannot assume any arrives; 1.26
        // sent one 2 s before the timeout, 1.28 and 1.32 send none), so only its shape is checked when one comes.
        var events = new List<(WatchEventType Type, Widget Object)>();
        await foreach (var e in Widgets.ListWatch.WatchAsync(selector with { ResourceVersion = start, TimeoutSeconds = 6, AllowWatchBookmarks = true }, CancellationToken.None))
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
        (WatchEventType Type, Widget Object)? next = null;
        await foreach (var e in Widgets.ListWatch.WatchAsync(selector with { ResourceVersion = resumeFrom, TimeoutSeconds = 10, AllowWatchBookmarks = true }, CancellationToken.None))
        {
            if (e.Type != WatchEventType.Bookmark)
            {
                next = e;
                break;
            }
        }

        Assert.NotNull(next);
        Assert.Equal((WatchEventType.Added, "w-watch-2"), (next.Value.Type, next.Value.Object.Metadata.Name));
    }

    [ClusterFact]
    public async Task Watch_Should_ThrowGone_When_TheResourceVersionIsTooOld_And_RelistThen()
    {
        // 38, 34
        var error = await Assert.ThrowsAsync<ApiStatusException>(async () =>
        {
            await foreach (var unused in Widgets.ListWatch.WatchAsync(new ListRequest { Namespace = Ns, ResourceVersion = "1", TimeoutSeconds = 5, AllowWatchBookmarks = true }, CancellationToken.None))
            {
                Assert.Fail("no event expected before the ERROR");
            }
        });
        Assert.True(error.IsGone);
        Assert.Contains("too old resource version", error.Message, StringComparison.Ordinal);

        var relisted = await Widgets.ListWatch.ListAsync(new ListRequest { Namespace = Ns }, CancellationToken.None);
        Assert.False(string.IsNullOrEmpty(relisted.ResourceVersion));
    }

    [ClusterFact]
    public async Task Create_Should_ThrowInvalidWithCauses_When_TheSchemaRejectsIt()
    {
        // 11, 12
        var error = await Assert.ThrowsAsync<ApiStatusException>(() => Widgets.CreateAsync(Ns, New("bad-schema", 0, "green")));
        Assert.True(error.IsInvalid);
        Assert.Contains(error.Causes, c => c.Field == "spec.color" && c.Reason == "FieldValueNotSupported");
        Assert.Contains(error.Causes, c => c.Field == "spec.size" && c.Reason == "FieldValueInvalid");
        Assert.Contains("spec.color", error.Message, StringComparison.Ordinal);

        var required = await Assert.ThrowsAsync<ApiStatusException>(() => Widgets.CreateAsync(Ns, New("bad-required", null, "blue")));
        Assert.True(required.IsInvalid);
        Assert.Contains(required.Causes, c => c.Field == "spec.size" && c.Reason == "FieldValueRequired");
    }

    [ClusterFact]
    public async Task Create_Should_ThrowInvalid_When_TheCelRuleFails()
    {
        // 13
        var error = await Assert.ThrowsAsync<ApiStatusException>(() => Widgets.CreateAsync(Ns, New("bad-cel", 20, "red")));
        Assert.True(error.IsInvalid);
        Assert.Contains(error.Causes, c => c.Field == "spec" && c.Message!.Contains(WidgetCrd.CelMessage, StringComparison.Ordinal));
    }

    [ClusterFact]
    public async Task Finalizers_Should_HoldTheWidgetAfterDelete_UntilTheyAreRemoved()
    {
        // 39, 40, 41, 42
        var removeFinalizers = Merge("""{"metadata":{"finalizers":null}}""");
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

            var released = await Widgets.PatchAsync(Ns, "w-final", removeFinalizers);
            Assert.Null(released.Metadata.Finalizers);
            var error = await Assert.ThrowsAsync<ApiStatusException>(() => Widgets.GetAsync(Ns, "w-final"));
            Assert.True(error.IsNotFound);
        }
        finally
        {
            // A failed assertion must not leave a finalizer that would hold the namespace and the CRD for ever.
            try
            {
                await Widgets.PatchAsync(Ns, "w-final", removeFinalizers);
            }
            catch (ApiStatusException e) when (e.IsNotFound)
            {
                // removed above: the normal case
            }
        }
    }

    private Widget New(string name, int? size, string? color, params (string Key, string Value)[] labels) => new()
    {
        // A custom resource must carry apiVersion and kind: the server does not default them from the URL.
        ApiVersion = $"{Widgets.Resource.Group}/{Widgets.Resource.Version}",
        Kind = Widgets.Resource.Kind,
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = Ns, // apply and update address the object by metadata.namespace
            Labels = labels.Length == 0 ? null : labels.ToDictionary(l => l.Key, l => l.Value),
        },
        Spec = new WidgetSpec { Size = size, Color = color },
    };
}
