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
using Ladder.ControllerRuntime.Errors;
using Ladder.Kubernetes.Testing;
using Ladder.Operator.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Ladder.E2E;

/// <summary>
/// The Ladder operator against a real cluster (<see cref="ClusterFactAttribute.Variable"/>): the chart installed with
/// <c>helm install</c> (<see cref="ChartInstall"/>), the repo's CRDs applied over it (server-side, field manager
/// <c>ladder-e2e</c>) and Established, a throwaway namespace <c>ladder-op-e2e-{id}</c> labelled
/// <c>ladder.dev/e2e=true</c> that enforces the <c>restricted</c> Pod Security Standard, and the real operator host
/// (<see cref="OperatorHost.Build"/>) running in-process out of cluster as the chart's ServiceAccount (its RBAC, not
/// admin), watching only that namespace, without leader election. The suite talks to the cluster as admin through
/// KubernetesClient's <see cref="IKubernetes"/>: typed calls for built-ins, <see cref="ObjectClient{T}"/> for
/// Ladder's kinds, refusals as <see cref="ApiStatusException"/>.
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
    private const string FieldManager = "ladder-e2e";
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

    /// <summary>The admin client; only valid in a test that runs (the variable is set).</summary>
    public IKubernetes Kube => _kube ?? throw new InvalidOperationException($"{ClusterFactAttribute.Variable} is not set: the test should have been skipped.");

    /// <summary>LiveStreams, as admin.</summary>
    public ObjectClient<LiveStream> Streams => new(Kube);

    /// <summary>TranscodeProfiles, as admin.</summary>
    public ObjectClient<TranscodeProfile> Profiles => new(Kube);

    /// <summary>Templates, as admin.</summary>
    public ObjectClient<Template> Templates => new(Kube);

    /// <summary>The repository root (where <c>Operator.sln</c> is).</summary>
    public static string RepoRoot { get; } = FindRoot();

    public async Task InitializeAsync()
    {
        var kubeconfig = Environment.GetEnvironmentVariable(ClusterFactAttribute.Variable);
        if (string.IsNullOrEmpty(kubeconfig))
        {
            return;
        }

        _kube = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        _chart = await ChartInstall.InstallAsync(kubeconfig, Id);
        await InstallCrdsAsync();
        await ApiStatusException.SendAsync("create Namespace " + Namespace, () => Kube.CoreV1.CreateNamespaceAsync(new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta
            {
                Name = Namespace,
                Labels = new Dictionary<string, string> { [ClusterFixture.Label] = "true", ["pod-security.kubernetes.io/enforce"] = "restricted" },
            },
        }));
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

        if (_kube is not null)
        {
            try
            {
                await ApiStatusException.SendAsync("delete Namespace " + Namespace, () => Kube.CoreV1.DeleteNamespaceAsync(Namespace));
            }
            catch (ApiStatusException e) when (e.IsNotFound)
            {
            }

            if (_chart is not null)
            {
                await _chart.UninstallAsync();
            }
        }
    }

    public void Dispose() => _kube?.Dispose();

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

    /// <summary>
    /// Server-side apply (forced) of one object by kind (LiveStream, TranscodeProfile, Template, Secret), read from the
    /// manifest as Ladder reads manifests (<see cref="WireJson.Options"/>) and sent through KubernetesClient's calls.
    /// </summary>
    /// <exception cref="ApiStatusException">The server refused it (422 names the field).</exception>
    public async Task<IKubernetesObject<V1ObjectMeta>> ApplyAsync(JsonObject json) => json["kind"]!.GetValue<string>() switch
    {
        LadderApi.Kinds.LiveStream => await Streams.ApplyAsync(json.Deserialize<LiveStream>(WireJson.Options)!, FieldManager, force: true),
        LadderApi.Kinds.TranscodeProfile => await Profiles.ApplyAsync(json.Deserialize<TranscodeProfile>(WireJson.Options)!, FieldManager, force: true),
        LadderApi.Kinds.Template => await Templates.ApplyAsync(json.Deserialize<Template>(WireJson.Options)!, FieldManager, force: true),
        "Secret" => await ApplySecretAsync(json.Deserialize<V1Secret>(WireJson.Options)!),
        var kind => throw new NotSupportedException($"the e2e suite does not apply kind {kind}"),
    };

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

    /// <summary>What <paramref name="read"/> answers, or null when the object does not exist (404).</summary>
    /// <exception cref="ApiStatusException">The server refused the read for another reason.</exception>
    public static async Task<T?> TryGetAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await ApiStatusException.SendAsync("get", read);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private Task<V1Secret> ApplySecretAsync(V1Secret secret) => ApiStatusException.SendAsync($"apply Secret {Namespace}/{secret.Metadata.Name}", () =>
        Kube.CoreV1.PatchNamespacedSecretAsync(new V1Patch(secret, V1Patch.PatchType.ApplyPatch), secret.Metadata.Name, Namespace, fieldManager: FieldManager, force: true));

    // The CRD files go as they are (JSON of the YAML), not through V1CustomResourceDefinition: nothing can be dropped on the way.
    private async Task InstallCrdsAsync()
    {
        var names = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot, "crds"), "ladder.dev_*.yaml"))
        {
            var crd = YamlJson.ToJson(File.ReadAllText(file))!;
            var name = crd["metadata"]!["name"]!.GetValue<string>();
            await ApiStatusException.SendAsync("apply CustomResourceDefinition " + name, () => Kube.ApiextensionsV1.PatchCustomResourceDefinitionAsync(
                new V1Patch(crd, V1Patch.PatchType.ApplyPatch), name, fieldManager: FieldManager, force: true));
            names.Add(name);
        }

        foreach (var name in names)
        {
            await EventuallyAsync(async () => WidgetCrd.IsEstablished(await Kube.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name)), $"CRD {name} is Established", InstallTimeout);
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
