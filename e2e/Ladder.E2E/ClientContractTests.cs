using Ladder.Kubernetes;
using Ladder.Kubernetes.Errors;
using Ladder.Kubernetes.Models;
using Ladder.Kubernetes.Watch;

namespace Ladder.E2E;

/// <summary>The replay scenarios against a real cluster, in a throwaway namespace that is deleted afterwards.</summary>
public sealed class ClientContractTests : IAsyncLifetime, IDisposable
{
    private readonly string _namespace = "ladder-e2e-" + Guid.NewGuid().ToString("N")[..8];
    private KubernetesClient? _client;

    private KubernetesClient Client => _client!;

    public async Task InitializeAsync()
    {
        var kubeconfig = Environment.GetEnvironmentVariable(ClusterFactAttribute.Variable);
        if (string.IsNullOrEmpty(kubeconfig))
        {
            return;
        }

        _client = new KubernetesClient(KubeConfigLoader.Load(kubeconfig: kubeconfig));
        await Client.Resource<Namespace>(ApiResource.Namespaces).CreateAsync(null, new Namespace { Metadata = new ObjectMeta { Name = _namespace } });
    }

    public async Task DisposeAsync()
    {
        if (_client is null)
        {
            return;
        }

        await Client.Resource<Namespace>(ApiResource.Namespaces).DeleteAsync(null, _namespace);
    }

    public void Dispose() => _client?.Dispose();

    [ClusterFact]
    public async Task Crud_Should_CreateGetUpdateConflictAndDelete()
    {
        var maps = Client.Resource<ConfigMap>(ApiResource.ConfigMaps);
        var created = await maps.CreateAsync(_namespace, new ConfigMap { Metadata = new ObjectMeta { Name = "c" }, Data = new Dictionary<string, string> { ["a"] = "1" } });
        Assert.True((await Assert.ThrowsAsync<KubeApiException>(() => maps.CreateAsync(_namespace, created))).IsAlreadyExists);
        created.Data!["a"] = "2";
        var updated = await maps.UpdateAsync(created);
        Assert.True((await Assert.ThrowsAsync<KubeApiException>(() => maps.UpdateAsync(created))).IsConflict);
        Assert.Equal("2", (await maps.GetAsync(_namespace, "c")).Data!["a"]);
        await maps.DeleteAsync(_namespace, updated.Metadata.Name!);
        Assert.True((await Assert.ThrowsAsync<KubeApiException>(() => maps.GetAsync(_namespace, "c"))).IsNotFound);
    }

    [ClusterFact]
    public async Task Apply_Should_ConflictBetweenManagers_UnlessForced()
    {
        var maps = Client.Resource<ConfigMap>(ApiResource.ConfigMaps);
        ConfigMap Desired(string value) => new() { Metadata = new ObjectMeta { Name = "applied", Namespace = _namespace }, Data = new Dictionary<string, string> { ["mode"] = value } };
        await maps.ApplyAsync(Desired("fast"), new ApplyOptions { FieldManager = "first" });
        var error = await Assert.ThrowsAsync<KubeApiException>(() => maps.ApplyAsync(Desired("safe"), new ApplyOptions { FieldManager = "second" }));
        Assert.True(error.IsConflict);
        Assert.Contains(error.Causes, c => c.Reason == "FieldManagerConflict");
        var forced = await maps.ApplyAsync(Desired("safe"), new ApplyOptions { FieldManager = "second", Force = true });
        Assert.Equal("safe", forced.Data!["mode"]);
    }

    [ClusterFact]
    public async Task Watch_Should_SeeChangesAndBookmarks_And_ReportGoneForAnAncientResourceVersion()
    {
        var maps = Client.Resource<ConfigMap>(ApiResource.ConfigMaps);
        var list = await maps.ListAsync(_namespace);
        await maps.CreateAsync(_namespace, new ConfigMap { Metadata = new ObjectMeta { Name = "watched" } });
        var types = new List<WatchEventType>();
        await foreach (var e in maps.WatchAsync(_namespace, new ListOptions { ResourceVersion = list.Metadata.ResourceVersion, TimeoutSeconds = 3, AllowWatchBookmarks = true }))
        {
            types.Add(e.Type);
        }

        Assert.Equal(WatchEventType.Added, types[0]);
        var error = await Assert.ThrowsAsync<KubeApiException>(async () =>
        {
            await foreach (var unused in maps.WatchAsync(_namespace, new ListOptions { ResourceVersion = "1", TimeoutSeconds = 3 }))
            {
            }
        });
        Assert.True(error.IsGone);
    }

    [ClusterFact]
    public async Task Create_Should_ThrowInvalidWithCauses_When_TheNameIsInvalid()
    {
        var error = await Assert.ThrowsAsync<KubeApiException>(() =>
            Client.Resource<ConfigMap>(ApiResource.ConfigMaps).CreateAsync(_namespace, new ConfigMap { Metadata = new ObjectMeta { Name = "Not_Valid" } }));
        Assert.True(error.IsInvalid);
        Assert.Contains(error.Causes, c => c.Field == "metadata.name");
    }
}
