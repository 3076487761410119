using k8s.Models;
using Ladder.Kubernetes;
using Ladder.Kubernetes.Errors;
using Ladder.Kubernetes.Models;

namespace Ladder.E2E;

/// <summary>
/// The same verbs on a built-in kind: core-group URLs (<c>/api/v1</c>), built-in validation and the built-in
/// apply schema, which the CRD scenarios of <see cref="WidgetContractTests"/> do not reach.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConfigMapContractTests(ClusterFixture cluster)
{
    private string Ns => cluster.Namespace;

    private IResourceClient<ConfigMap> Maps => cluster.Client.Resource<ConfigMap>(ApiResource.ConfigMaps);

    [ClusterFact]
    public async Task Crud_Should_RefuseADuplicateOrAResourceVersion_And_ConflictOnAStaleResourceVersion_And_DeleteAConfigMap()
    {
        var created = await Maps.CreateAsync(Ns, New("c", new() { ["a"] = "1" }));
        Assert.True((await Assert.ThrowsAsync<KubeApiException>(() => Maps.CreateAsync(Ns, New("c", new() { ["a"] = "other" })))).IsAlreadyExists);
        // A create carrying a resourceVersion is refused before the name is looked up (1.28 answers 500 with this message).
        var withVersion = await Assert.ThrowsAsync<KubeApiException>(() => Maps.CreateAsync(Ns, created));
        Assert.Contains("resourceVersion should not be set on objects to be created", withVersion.Message, StringComparison.Ordinal);
        created.Data!["a"] = "2";
        var updated = await Maps.UpdateAsync(created);
        Assert.True((await Assert.ThrowsAsync<KubeApiException>(() => Maps.UpdateAsync(created))).IsConflict);
        Assert.Equal("2", (await Maps.GetAsync(Ns, "c")).Data!["a"]);
        await Maps.DeleteAsync(Ns, updated.Metadata.Name!);
        Assert.True((await Assert.ThrowsAsync<KubeApiException>(() => Maps.GetAsync(Ns, "c"))).IsNotFound);
    }

    [ClusterFact]
    public async Task Apply_Should_ConflictBetweenManagers_UnlessForced()
    {
        await Maps.ApplyAsync(New("applied", new() { ["mode"] = "fast" }), new ApplyOptions { FieldManager = "first" });
        var error = await Assert.ThrowsAsync<KubeApiException>(() => Maps.ApplyAsync(New("applied", new() { ["mode"] = "safe" }), new ApplyOptions { FieldManager = "second" }));
        Assert.True(error.IsConflict);
        Assert.Contains(error.Causes, c => c.Reason == "FieldManagerConflict");
        var forced = await Maps.ApplyAsync(New("applied", new() { ["mode"] = "safe" }), new ApplyOptions { FieldManager = "second", Force = true });
        Assert.Equal("safe", forced.Data!["mode"]);
    }

    [ClusterFact]
    public async Task Create_Should_ThrowInvalidWithCauses_When_TheNameIsInvalid()
    {
        var error = await Assert.ThrowsAsync<KubeApiException>(() => Maps.CreateAsync(Ns, New("Not_Valid", null)));
        Assert.True(error.IsInvalid);
        Assert.Contains(error.Causes, c => c.Field == "metadata.name");
    }

    private ConfigMap New(string name, Dictionary<string, string>? data) => new()
    {
        ApiVersion = ApiResource.ConfigMaps.ApiVersion,
        Kind = ApiResource.ConfigMaps.Kind,
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
        Data = data,
    };
}
