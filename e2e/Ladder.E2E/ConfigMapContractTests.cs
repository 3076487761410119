using k8s;
using k8s.Models;
using Ladder.ControllerRuntime.Errors;

namespace Ladder.E2E;

/// <summary>
/// The same verbs on a built-in kind through KubernetesClient's typed <c>CoreV1</c> calls: core-group URLs
/// (<c>/api/v1</c>), built-in validation and the built-in apply schema, which the CRD scenarios of
/// <see cref="WidgetContractTests"/> do not reach. Refusals are read as <see cref="ApiStatusException"/>.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConfigMapContractTests(ClusterFixture cluster)
{
    private string Ns => cluster.Namespace;

    private ICoreV1Operations Core => cluster.Kube.CoreV1;

    [ClusterFact]
    public async Task Crud_Should_RefuseADuplicateOrAResourceVersion_And_ConflictOnAStaleResourceVersion_And_DeleteAConfigMap()
    {
        var created = await Send(() => Core.CreateNamespacedConfigMapAsync(New("c", new() { ["a"] = "1" }), Ns));
        Assert.True((await Assert.ThrowsAsync<ApiStatusException>(() => Send(() => Core.CreateNamespacedConfigMapAsync(New("c", new() { ["a"] = "other" }), Ns)))).IsAlreadyExists);
        // A create carrying a resourceVersion is refused before the name is looked up (1.28 answers 500 with this message).
        var withVersion = await Assert.ThrowsAsync<ApiStatusException>(() => Send(() => Core.CreateNamespacedConfigMapAsync(created, Ns)));
        Assert.Contains("resourceVersion should not be set on objects to be created", withVersion.Message, StringComparison.Ordinal);
        created.Data!["a"] = "2";
        var updated = await Send(() => Core.ReplaceNamespacedConfigMapAsync(created, "c", Ns));
        Assert.True((await Assert.ThrowsAsync<ApiStatusException>(() => Send(() => Core.ReplaceNamespacedConfigMapAsync(created, "c", Ns)))).IsConflict);
        Assert.Equal("2", (await Send(() => Core.ReadNamespacedConfigMapAsync("c", Ns))).Data!["a"]);
        await Send(() => Core.DeleteNamespacedConfigMapAsync(updated.Metadata.Name, Ns));
        Assert.True((await Assert.ThrowsAsync<ApiStatusException>(() => Send(() => Core.ReadNamespacedConfigMapAsync("c", Ns)))).IsNotFound);
    }

    [ClusterFact]
    public async Task Apply_Should_ConflictBetweenManagers_UnlessForced()
    {
        await Apply(New("applied", new() { ["mode"] = "fast" }), "first");
        var error = await Assert.ThrowsAsync<ApiStatusException>(() => Apply(New("applied", new() { ["mode"] = "safe" }), "second"));
        Assert.True(error.IsConflict);
        Assert.Contains(error.Causes, c => c.Reason == "FieldManagerConflict");
        var forced = await Apply(New("applied", new() { ["mode"] = "safe" }), "second", force: true);
        Assert.Equal("safe", forced.Data!["mode"]);
    }

    [ClusterFact]
    public async Task Create_Should_ThrowInvalidWithCauses_When_TheNameIsInvalid()
    {
        var error = await Assert.ThrowsAsync<ApiStatusException>(() => Send(() => Core.CreateNamespacedConfigMapAsync(New("Not_Valid", null), Ns)));
        Assert.True(error.IsInvalid);
        Assert.Contains(error.Causes, c => c.Field == "metadata.name");
    }

    private static Task<T> Send<T>(Func<Task<T>> call) => ApiStatusException.SendAsync("ConfigMap contract", call);

    private Task<V1ConfigMap> Apply(V1ConfigMap map, string fieldManager, bool force = false) =>
        Send(() => Core.PatchNamespacedConfigMapAsync(new V1Patch(map, V1Patch.PatchType.ApplyPatch), map.Metadata.Name, Ns, fieldManager: fieldManager, force: force));

    private V1ConfigMap New(string name, Dictionary<string, string>? data) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
        Data = data,
    };
}
