using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Ladder.Api.Meta;
using Ladder.Kubernetes.Errors;
using Ladder.Kubernetes.Models;
using Ladder.Kubernetes.Testing;

namespace Ladder.Kubernetes.Tests.Client;

public sealed class ResourceClientTests
{
    private static async Task<T> Run<T>(string[] fixtures, Func<KubernetesClient, Task<T>> call, Action<IReadOnlyList<RecordedRequest>>? requests = null)
    {
        await using var server = await ApiReplayServer.StartAsync(fixtures);
        using var client = server.CreateClient();
        var result = await call(client);
        Assert.Empty(server.Mismatches);
        requests?.Invoke(server.Requests);
        return result;
    }

    private static async Task<KubeApiException> Fails(string fixture, Func<IResourceClient<Widget>, Task> call)
    {
        await using var server = await ApiReplayServer.StartAsync(fixture);
        using var client = server.CreateClient();
        var error = await Assert.ThrowsAsync<KubeApiException>(() => call(client.Resource<Widget>(Widget.Resource)));
        Assert.Empty(server.Mismatches);
        return error;
    }

    [Fact]
    public async Task Get_Should_ReturnWidget_When_ItExists()
    {
        var widget = await Run(["09-get-widget"], c => c.Resource<Widget>(Widget.Resource).GetAsync("demo", "w1"));
        Assert.Equal("w1", widget.Metadata.Name);
        Assert.Equal("248", widget.Metadata.ResourceVersion);
        Assert.Equal(3, widget.Spec!.Size);
        Assert.NotEmpty(widget.Metadata.ManagedFields);
    }

    [Fact]
    public async Task Get_Should_ThrowNotFound_When_TheWidgetIsMissing()
    {
        var error = await Fails("10-get-widget-not-found", w => w.GetAsync("demo", "does-not-exist"));
        Assert.True(error.IsNotFound);
        Assert.False(error.IsConflict);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("\"does-not-exist\" not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Should_PostJsonAndParseTheCreatedObject()
    {
        var sent = Widget.FromFixtureRequest("08-create-widget");
        var created = await Run(["08-create-widget"], c => c.Resource<Widget>(Widget.Resource).CreateAsync("demo", sent), requests =>
        {
            var request = Assert.Single(requests);
            Assert.Equal("POST", request.Method);
            Assert.Equal("/apis/example.com/v1alpha1/namespaces/demo/widgets", request.Path);
            Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
            Assert.Equal("Bearer test-token", request.Authorization);
            Assert.Equal("08-create-widget", request.Fixture);
        });
        Assert.Equal("5fc7d7a5-4cc8-4128-8a76-bb3ceab982b5", created.Metadata.Uid);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal("demo", created.Metadata.NamespaceProperty);
    }

    [Fact]
    public async Task Create_Should_ThrowInvalidWithCauses_When_TheSchemaRejectsIt()
    {
        var error = await Fails("11-create-widget-schema-invalid", w => w.CreateAsync("demo", Widget.FromFixtureRequest("11-create-widget-schema-invalid")));
        Assert.True(error.IsInvalid);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Contains(error.Causes, c => c.Field == "spec.color" && c.Reason == "FieldValueNotSupported");
        Assert.Contains(error.Causes, c => c.Field == "spec.size");
        Assert.Contains("spec.color", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Should_ThrowInvalid_When_TheCelRuleFails()
    {
        var error = await Fails("13-create-widget-cel-invalid", w => w.CreateAsync("demo", Widget.FromFixtureRequest("13-create-widget-cel-invalid")));
        Assert.True(error.IsInvalid);
        Assert.Contains(error.Causes, c => c.Field == "spec" && c.Message!.Contains("red widgets must have size <= 10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_Should_ThrowAlreadyExists_When_TheNameIsTaken()
    {
        var error = await Fails("14-create-widget-duplicate", w => w.CreateAsync("demo", Widget.FromFixtureRequest("14-create-widget-duplicate")));
        Assert.True(error.IsAlreadyExists);
        Assert.False(error.IsConflict);
        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
    }

    [Fact]
    public async Task Create_Should_SendFieldValidation_And_ThrowBadRequest_When_Strict()
    {
        var error = await Fails("16-create-widget-unknown-field-strict",
            w => w.CreateAsync("demo", Widget.FromFixtureRequest("16-create-widget-unknown-field-strict"), new WriteOptions { FieldValidation = "Strict" }));
        Assert.Equal(StatusReasons.BadRequest, error.Reason);
        Assert.Contains("shape", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_Should_ReturnTheNewGeneration_When_TheResourceVersionIsCurrent()
    {
        var updated = await Run(["17-put-widget"], c => c.Resource<Widget>(Widget.Resource).UpdateAsync(Widget.FromFixtureRequest("17-put-widget")));
        Assert.Equal(2, updated.Metadata.Generation);
        Assert.Equal(4, updated.Spec!.Size);
    }

    [Fact]
    public async Task Update_Should_ThrowConflict_When_TheResourceVersionIsStale()
    {
        var error = await Fails("18-put-widget-stale-resourceversion", w => w.UpdateAsync(Widget.FromFixtureRequest("18-put-widget-stale-resourceversion")));
        Assert.True(error.IsConflict);
        Assert.Contains("the object has been modified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_Should_SendAMergePatch()
    {
        var patch = new { metadata = new { labels = new Dictionary<string, string> { ["tier"] = "gold" } }, spec = new { size = 5 } };
        var patched = await Run(["19-patch-widget-merge-patch"], c => c.Resource<Widget>(Widget.Resource).PatchAsync("demo", "w1", PatchType.Merge, patch),
            requests => Assert.Equal("application/merge-patch+json", requests[0].ContentType));
        Assert.Equal("gold", patched.Metadata.Labels!["tier"]);
        Assert.Equal(5, patched.Spec!.Size);
    }

    [Fact]
    public async Task Patch_Should_SendAJsonPatch_And_ThrowInvalid_When_ATestOpFails()
    {
        var ops = JsonNode.Parse(HttpFixture.Load("20-patch-widget-json-patch").RequestBody)!;
        var patched = await Run(["20-patch-widget-json-patch"], c => c.Resource<Widget>(Widget.Resource).PatchAsync("demo", "w1", PatchType.JsonPatch, ops));
        Assert.Equal("blue", patched.Spec!.Color);
        Assert.Equal("patched", patched.Metadata.Annotations!["example.com/note"]);

        var failing = JsonNode.Parse(HttpFixture.Load("21-patch-widget-json-patch-test-failed").RequestBody)!;
        var error = await Fails("21-patch-widget-json-patch-test-failed", w => w.PatchAsync("demo", "w1", PatchType.JsonPatch, failing));
        Assert.True(error.IsInvalid);
    }

    [Fact]
    public async Task Patch_Should_ThrowUnsupportedMediaType_When_StrategicMergeTargetsACustomResource()
    {
        var error = await Fails("65-patch-widget-strategic-merge-unsupported",
            w => w.PatchAsync("demo", "w2", PatchType.StrategicMerge, new { spec = new { size = 3 } }));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, error.StatusCode);
        Assert.Equal(StatusReasons.UnsupportedMediaType, error.Reason);
    }

    [Fact]
    public async Task Apply_Should_SendApplyPatchWithFieldManagerAndForce()
    {
        var widget = new Widget { Metadata = new V1ObjectMeta { Name = "w1", NamespaceProperty = "demo" }, Spec = new WidgetSpec { Size = 6, Color = "blue" } };
        var applied = await Run(["22-apply-widget-force"], c => c.Resource<Widget>(Widget.Resource).ApplyAsync(widget, new ApplyOptions { FieldManager = "test", Force = true }),
            requests =>
            {
                Assert.Equal("application/apply-patch+yaml", requests[0].ContentType);
                Assert.Contains(new KeyValuePair<string, string>("fieldManager", "test"), requests[0].Query);
                Assert.Contains(new KeyValuePair<string, string>("force", "true"), requests[0].Query);
            });
        Assert.Equal(6, applied.Spec!.Size);
    }

    [Fact]
    public async Task Apply_Should_ThrowConflictWithFieldManagerConflict_When_AnotherManagerOwnsTheField()
    {
        var widget = new Widget { Metadata = new V1ObjectMeta { Name = "w1", NamespaceProperty = "demo" }, Spec = new WidgetSpec { Size = 7 } };
        var error = await Fails("23-apply-widget-conflict", w => w.ApplyAsync(widget, new ApplyOptions { FieldManager = "other" }));
        Assert.True(error.IsConflict);
        var cause = Assert.Single(error.Causes);
        Assert.Equal("FieldManagerConflict", cause.Reason);
        Assert.Equal(".spec.size", cause.Field);
    }

    [Fact]
    public async Task UpdateStatus_Should_PutTheStatusSubresource_And_KeepTheGeneration()
    {
        var sent = Widget.FromFixtureRequest("25-put-widget-status");
        var updated = await Run(["25-put-widget-status"], c => c.Resource<Widget>(Widget.Resource).UpdateStatusAsync(sent),
            requests => Assert.EndsWith("/widgets/w1/status", requests[0].Path, StringComparison.Ordinal));
        Assert.Equal(6, updated.Spec!.Size);
        Assert.Equal(sent.Metadata.Generation, updated.Metadata.Generation);
        Assert.Equal("False", updated.Status!.Value.GetProperty("conditions")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task PatchStatus_Should_ReplaceTheConditions()
    {
        var patch = JsonNode.Parse(HttpFixture.Load("26-patch-widget-status-merge-patch").RequestBody)!;
        var patched = await Run(["26-patch-widget-status-merge-patch"], c => c.Resource<Widget>(Widget.Resource).PatchStatusAsync("demo", "w1", PatchType.Merge, patch));
        Assert.Equal("True", patched.Status!.Value.GetProperty("conditions")[0].GetProperty("status").GetString());
        Assert.Equal(6, patched.Spec!.Size);
    }

    [Fact]
    public async Task ListAll_Should_FollowContinueTokens_AcrossThreePages()
    {
        var names = await Run(["27-list-widgets-page1", "28-list-widgets-page2", "29-list-widgets-page3-last"], async c =>
        {
            var all = new List<string>();
            await foreach (var w in c.Resource<Widget>(Widget.Resource).ListAllAsync("demo", new ListOptions { Limit = 2 }))
            {
                all.Add(w.Metadata.Name!);
            }

            return all;
        }, requests => Assert.Equal(3, requests.Count));
        Assert.Equal(["w1", "w2", "w3", "w4", "w5"], names);
    }

    [Fact]
    public async Task List_Should_ReportRemainingItems_And_ThrowGoneWithAnInconsistentToken_When_TheContinueTokenExpired()
    {
        await using var server = await ApiReplayServer.StartAsync("27-list-widgets-page1", "31-list-widgets-expired-continue");
        using var client = server.CreateClient();
        var widgets = client.Resource<Widget>(Widget.Resource);
        var first = await widgets.ListAsync("demo", new ListOptions { Limit = 2 });
        Assert.Equal(3, first.Metadata.RemainingItemCount);
        var error = await Assert.ThrowsAsync<KubeApiException>(() => widgets.ListAsync("demo", new ListOptions { Limit = 2, Continue = first.Metadata.Continue }));
        Assert.True(error.IsGone);
        Assert.False(string.IsNullOrEmpty(error.Status.Metadata?.ContinueProperty));
        Assert.Empty(server.Mismatches);
    }

    [Fact]
    public async Task List_Should_SendTheLabelSelector()
    {
        var list = await Run(["49-list-replicasets-by-label"],
            c => c.Resource<Deployment>(new ApiResource("apps", "v1", "replicasets", "ReplicaSet", true)).ListAsync("demo", new ListOptions { LabelSelector = "app=web" }));
        Assert.Single(list.Items);
        Assert.Equal("ReplicaSetList", list.Kind);
    }

    [Fact]
    public async Task List_Should_ExposeRetryAfter_When_TheServerTimesOut()
    {
        var error = await Fails("64-list-widgets-too-large-resourceversion", w => w.ListAsync("demo", new ListOptions { ResourceVersion = "999999999" }));
        Assert.Equal(HttpStatusCode.GatewayTimeout, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Contains(error.Causes, c => c.Reason == "ResourceVersionTooLarge");
    }

    [Fact]
    public async Task Delete_Should_ReturnNull_When_TheServerAnswersWithAStatus()
    {
        var deleted = await Run(["36-delete-widget"], c => c.Resource<Widget>(Widget.Resource).DeleteAsync("demo", "w-watch"),
            requests => Assert.Equal("", requests[0].Body));
        Assert.Null(deleted);
    }

    [Fact]
    public async Task Finalizers_Should_HoldTheObject_UntilTheyAreRemoved()
    {
        await using var server = await ApiReplayServer.StartAsync(
            "39-create-widget-with-finalizer", "40-delete-widget-with-finalizer", "41-patch-widget-remove-finalizer", "42-get-widget-after-finalizer-removed");
        using var client = server.CreateClient();
        var widgets = client.Resource<Widget>(Widget.Resource);
        var created = await widgets.CreateAsync("demo", Widget.FromFixtureRequest("39-create-widget-with-finalizer"));
        Assert.Equal(["example.com/cleanup"], created.Metadata.Finalizers!);
        var deleting = await widgets.DeleteAsync("demo", "w-final");
        Assert.NotNull(deleting!.Metadata.DeletionTimestamp);
        await widgets.PatchAsync("demo", "w-final", PatchType.Merge, JsonNode.Parse("""{"metadata":{"finalizers":null}}""")!);
        var error = await Assert.ThrowsAsync<KubeApiException>(() => widgets.GetAsync("demo", "w-final"));
        Assert.True(error.IsNotFound);
        Assert.Empty(server.Mismatches);
    }

    [Fact]
    public async Task Delete_Should_SendForegroundPropagation_And_ReturnTheObjectBeingDeleted()
    {
        var deleting = await Run(["60-delete-deployment-foreground"],
            c => c.Resource<Deployment>(ApiResource.Deployments).DeleteAsync("demo", "web", new DeleteOptions { PropagationPolicy = PropagationPolicy.Foreground }));
        Assert.Contains("foregroundDeletion", deleting!.Metadata.Finalizers!);
        Assert.NotNull(deleting.Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task Forbidden_Should_SayWhatRbacIsMissing()
    {
        await using var server = await ApiReplayServer.StartAsync("57-list-widgets-forbidden");
        using var client = new KubernetesClient(new k8s.KubernetesClientConfiguration { Host = server.Address.ToString(), AccessToken = "<serviceaccount-token>" });
        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.Resource<Widget>(Widget.Resource).ListAsync("demo"));
        Assert.True(error.IsForbidden);
        Assert.Contains("cannot list resource \"widgets\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("RBAC", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Mismatches);
    }

    [Fact]
    public async Task Unauthorized_Should_SayToFixTheCredentials()
    {
        await using var server = await ApiReplayServer.StartAsync("59-get-configmap-unauthorized");
        using var client = new KubernetesClient(new k8s.KubernetesClientConfiguration { Host = server.Address.ToString(), AccessToken = "<wrong-token>" });
        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.Resource<ConfigMap>(ApiResource.ConfigMaps).GetAsync("demo", "widget-config"));
        Assert.True(error.IsUnauthorized);
        Assert.Contains("credentials", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Mismatches);
    }

    [Fact]
    public async Task Lease_Should_RenewWithTheCurrentResourceVersion_And_ConflictWithAStaleOne()
    {
        await using var server = await ApiReplayServer.StartAsync("51-create-lease", "52-update-lease-renew", "53-update-lease-stale-resourceversion");
        using var client = server.CreateClient();
        var leases = client.Resource<Lease>(ApiResource.Leases);
        var created = await leases.CreateAsync("demo", JsonSerializer.Deserialize<Lease>(HttpFixture.Load("51-create-lease").RequestBody, Ladder.Api.Meta.WireJson.Options)!);
        Assert.Equal("widget-controller-0_7f3c2a", created.Spec!.HolderIdentity);
        Assert.Equal(15, created.Spec.LeaseDurationSeconds);
        var renewed = await leases.UpdateAsync(JsonSerializer.Deserialize<Lease>(HttpFixture.Load("52-update-lease-renew").RequestBody, Ladder.Api.Meta.WireJson.Options)!);
        Assert.True(renewed.Spec!.RenewTime > created.Spec.RenewTime);
        var takeover = JsonSerializer.Deserialize<Lease>(HttpFixture.Load("53-update-lease-stale-resourceversion").RequestBody, Ladder.Api.Meta.WireJson.Options)!;
        var error = await Assert.ThrowsAsync<KubeApiException>(() => leases.UpdateAsync(takeover));
        Assert.True(error.IsConflict);
        Assert.Empty(server.Mismatches);
    }

    [Fact]
    public async Task Event_Should_BeCreated_And_RequireEventTime()
    {
        await using var server = await ApiReplayServer.StartAsync("54-create-event", "55-create-event-invalid");
        using var client = server.CreateClient();
        var events = client.Resource<Event>(ApiResource.Events);
        var created = await events.CreateAsync("demo", JsonSerializer.Deserialize<Event>(HttpFixture.Load("54-create-event").RequestBody, Ladder.Api.Meta.WireJson.Options)!);
        Assert.Equal("Ready", created.Reason);
        Assert.Equal("w1", created.Regarding!.Name);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 5, 50, TimeSpan.Zero).AddTicks(1234560), created.EventTime);
        var error = await Assert.ThrowsAsync<KubeApiException>(() => events.CreateAsync("demo",
            JsonSerializer.Deserialize<Event>(HttpFixture.Load("55-create-event-invalid").RequestBody, Ladder.Api.Meta.WireJson.Options)!));
        Assert.True(error.IsInvalid);
        Assert.Contains(error.Causes, c => c.Field == "eventTime" && c.Reason == "FieldValueRequired");
        Assert.Empty(server.Mismatches);
    }
}
