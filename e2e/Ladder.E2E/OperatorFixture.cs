using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Ladder.Api;
using Ladder.Api.Manifests;
using Ladder.Api.Meta;
using Ladder.Api.V1Alpha1;
using Ladder.Kubernetes;
using Ladder.Kubernetes.Errors;
using Ladder.Kubernetes.Models;
using Ladder.Operator.Controllers;
using Ladder.Operator.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Ladder.E2E;

/// <summary>
/// The Ladder operator against a real cluster (<see cref="ClusterFactAttribute.Variable"/>): the chart installed with
/// <c>helm install</c> (<see cref="ChartInstall"/>), the repo's CRDs applied over it (server-side, field manager
/// <c>ladder-e2e</c>) and Established, a throwaway namespace <c>ladder-op-e2e-{id}</c> labelled
/// <c>ladder.dev/e2e=true</c> that enforces the <c>restricted</c> Pod Security Standard, and the real operator host
/// (<see cref="OperatorHost.Build"/>) running in-process out of cluster as the chart's ServiceAccount (its RBAC, not
/// admin), watching only that namespace, without leader election.
/// </summary>
/// <remarks>
/// Out of cluster the runner Services' DNS names do not resolve, so streams stay Reconciling (runner not reachable)
/// rather than Ready; everything the operator writes (owned objects, status, conditions) is checked. The namespace is
/// deleted at the end (the garbage collector takes the owned objects); the CRDs stay, as other installs may use them.
/// </remarks>
public sealed class OperatorFixture : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromSeconds(90);
    private static readonly string Id = Guid.NewGuid().ToString("N")[..8];
    private KubernetesClient? _client;
    private k8s.Kubernetes? _kube;
    private WebApplication? _operator;
    private ChartInstall? _chart;

    /// <summary>The test namespace.</summary>
    public string Namespace { get; } = "ladder-op-e2e-" + Id;

    /// <summary>The admin kubeconfig the suite was given.</summary>
    public static string AdminKubeconfig => Environment.GetEnvironmentVariable(ClusterFactAttribute.Variable)
        ?? throw new InvalidOperationException($"{ClusterFactAttribute.Variable} is not set: the test should have been skipped.");

    /// <summary>The chart as installed for this run.</summary>
    internal ChartInstall Chart => _chart ?? throw new InvalidOperationException("the chart is not installed");

    public KubernetesClient Client => _client ?? throw new InvalidOperationException($"{ClusterFactAttribute.Variable} is not set: the test should have been skipped.");

    internal OperatorClients Clients => new(Client, _kube!);

    /// <summary>The repository root (where <c>Operator.sln</c> is).</summary>
    public static string RepoRoot { get; } = FindRoot();

    public async Task InitializeAsync()
    {
        var kubeconfig = Environment.GetEnvironmentVariable(ClusterFactAttribute.Variable);
        if (string.IsNullOrEmpty(kubeconfig))
        {
            return;
        }

        _client = new KubernetesClient(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        _kube = new k8s.Kubernetes(_client.Config);
        _chart = await ChartInstall.InstallAsync(kubeconfig, Id);
        await InstallCrdsAsync();
        await Client.Resource<Namespace>(ApiResource.Namespaces).CreateAsync(null, new Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta
            {
                Name = Namespace,
                Labels = new Dictionary<string, string> { [ClusterFixture.Label] = "true", ["pod-security.kubernetes.io/enforce"] = "restricted" },
            },
        });
        _operator = BuildOperator(leaderElect: false);
        await _operator.StartAsync();
    }

    /// <summary>
    /// A new operator host as the chart's ServiceAccount, watching the test namespace; with
    /// <paramref name="leaderElect"/> it competes for the Lease in the chart's namespace, as the chart's replicas do.
    /// </summary>
    public WebApplication BuildOperator(bool leaderElect) => OperatorHost.Build(
        new HostSettings
        {
            Kubeconfig = Chart.ServiceAccountKubeconfig,
            LeaderElect = leaderElect,
            LeaderElectionNamespace = Chart.Namespace,
            MetricsBindAddress = $"127.0.0.1:{FreePort()}",
            HealthProbeBindAddress = $"127.0.0.1:{FreePort()}",
        },
        new OperatorOptions { Namespace = Namespace, RunnerImage = "ghcr.io/ladder-dev/pipeline-runner:e2e", RunnerTimeout = TimeSpan.FromSeconds(1), ReconcilingPollInterval = TimeSpan.FromSeconds(2) });

    public async Task DisposeAsync()
    {
        if (_operator is not null)
        {
            await _operator.StopAsync();
            await _operator.DisposeAsync();
        }

        if (_client is not null)
        {
            try
            {
                await Client.Resource<Namespace>(ApiResource.Namespaces).DeleteAsync(null, Namespace);
            }
            catch (KubeApiException e) when (e.IsNotFound)
            {
            }

            if (_chart is not null)
            {
                await _chart.UninstallAsync();
            }
        }
    }

    public void Dispose()
    {
        _kube?.Dispose();
        _client?.Dispose();
    }

    /// <summary>Applies every object of a YAML file (or text) into the test namespace; returns them as applied.</summary>
    public async Task<List<IKubernetesObject<V1ObjectMeta>>> ApplyYamlAsync(string yaml)
    {
        var applied = new List<IKubernetesObject<V1ObjectMeta>>();
        foreach (var json in YamlJson.ReadDocuments(yaml).Select(d => d.Json).OfType<JsonObject>())
        {
            json["metadata"]!["namespace"] = Namespace;
            applied.Add(await ApplyAsync(json));
        }

        return applied;
    }

    /// <summary>Server-side apply of one object by kind (LiveStream, TranscodeProfile, Template, Secret).</summary>
    public async Task<IKubernetesObject<V1ObjectMeta>> ApplyAsync(JsonObject json)
    {
        var options = new ApplyOptions { FieldManager = "ladder-e2e", Force = true };
        var clients = Clients;
        return json["kind"]!.GetValue<string>() switch
        {
            LadderApi.Kinds.LiveStream => await clients.Streams.ApplyAsync(json.Deserialize<LiveStream>(WireJson.Options)!, options),
            LadderApi.Kinds.TranscodeProfile => await clients.Profiles.ApplyAsync(json.Deserialize<TranscodeProfile>(WireJson.Options)!, options),
            LadderApi.Kinds.Template => await clients.Templates.ApplyAsync(json.Deserialize<Template>(WireJson.Options)!, options),
            "Secret" => await clients.Secrets.ApplyAsync(json.Deserialize<k8s.Models.V1Secret>(WireJson.Options)!, options),
            var kind => throw new NotSupportedException($"the e2e suite does not apply kind {kind}"),
        };
    }

    /// <summary>Waits (up to <paramref name="timeout"/>, default 60 s) until <paramref name="condition"/> holds.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(500);
        }
    }

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<T?> TryGetAsync<T>(IResourceClient<T> client, string name)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            return await client.GetAsync(Namespace, name);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private async Task InstallCrdsAsync()
    {
        var crds = Client.Resource<CustomResourceDefinition>(ApiResource.CustomResourceDefinitions);
        var names = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot, "crds"), "ladder.dev_*.yaml"))
        {
            var crd = YamlJson.ToJson(File.ReadAllText(file))!.Deserialize<CustomResourceDefinition>(WireJson.Options)!;
            await crds.ApplyAsync(crd, new ApplyOptions { FieldManager = "ladder-e2e", Force = true });
            names.Add(crd.Metadata.Name!);
        }

        foreach (var name in names)
        {
            await EventuallyAsync(async () => (await crds.GetAsync(null, name)).Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true,
                $"CRD {name} is Established", InstallTimeout);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Operator.sln above {AppContext.BaseDirectory}");
    }
}
