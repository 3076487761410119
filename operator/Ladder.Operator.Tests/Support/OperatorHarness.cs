using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Ladder.Api.Meta;
using Ladder.ControllerRuntime.Controllers;
using Ladder.ControllerRuntime.Metrics;
using Ladder.Kubernetes.Testing;
using Ladder.Operator.Controllers;
using Ladder.Operator.Hosting;
using Ladder.Operator.Runner;
using Microsoft.Extensions.Logging;

namespace Ladder.Operator.Tests.Support;

/// <summary>The operator's controllers against a <see cref="FakeApiServer"/> and a <see cref="FakeRunner"/>.</summary>
internal sealed class OperatorHarness : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stop = new();
    private readonly Prometheus.CollectorRegistry _metrics = Prometheus.Metrics.NewCustomRegistry();
    private Task _run = Task.CompletedTask;

    private OperatorHarness(FakeApiServer api, FakeRunner runner)
    {
        Api = api;
        Runner = runner;
        Kube = api.CreateKubernetes();
        Clients = new OperatorClients(Kube);
        Objects = new ObjectClients(Kube);
    }

    public FakeApiServer Api { get; }

    public FakeRunner Runner { get; }

    public k8s.Kubernetes Kube { get; }

    /// <summary>The operator's own clients (what its controllers list, watch and write through).</summary>
    public OperatorClients Clients { get; }

    /// <summary>The user's side: seeding and changing objects as kubectl and the cluster's controllers do.</summary>
    public ObjectClients Objects { get; }

    public CapturingEvents Events { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>
    /// Starts the fake servers and the controllers, then runs <paramref name="seed"/> to create the first objects, as
    /// in a cluster where the operator is running before anything is applied. Objects created while the informers list
    /// and open their watches reach them through the fake API server's watch history, as with a real one.
    /// </summary>
    public static async Task<OperatorHarness> StartAsync(Func<ObjectClients, Task> seed)
    {
        var harness = new OperatorHarness(await FakeApiServer.StartAsync(), await FakeRunner.StartAsync());
        var options = new OperatorOptions { RunnerImage = "ladder/runner:test", ReconcilingPollInterval = TimeSpan.FromMilliseconds(100), StatusWait = TimeSpan.FromSeconds(5), StatusPollInterval = TimeSpan.FromHours(1) };
        var loggers = LoggerFactory.Create(b => b.AddProvider(harness.Logs).SetMinimumLevel(LogLevel.Trace));
        var cache = new OperatorInformers(harness.Clients, TestObjects.Namespace);
        var manager = new ControllerManager();
        OperatorControllers.AddTo(manager, cache, harness.Clients, new RunnerAdminClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, TimeSpan.FromSeconds(2)), harness.Runner,
            harness.Events, options, TimeProvider.System, loggers, new ControllerRuntimeMetrics(harness._metrics), null);
        harness._run = manager.RunAsync(harness._stop.Token);
        await seed(harness.Objects);
        return harness;
    }

    /// <summary>Plays the deployment controller: marks the Deployment's current pod template as rolled out.</summary>
    public async Task CompleteRolloutAsync(string name)
    {
        var deployment = await Objects.Deployments.GetAsync(TestObjects.Namespace, name);
        deployment.Status = new V1DeploymentStatus { ObservedGeneration = deployment.Metadata.Generation, Replicas = 1, UpdatedReplicas = 1, ReadyReplicas = 1, AvailableReplicas = 1 };
        await Objects.Deployments.ReplaceStatusAsync(deployment);
    }

    /// <summary>Changes an object the way a person does, retrying on a conflict with the operator's status writes (client-go <c>RetryOnConflict</c>).</summary>
    public static Task ChangeAsync<T>(ObjectClient<T> client, string name, Action<T> change)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta> => client.ChangeAsync(TestObjects.Namespace, name, change);

    /// <summary>The stored object as JSON, or null.</summary>
    public JsonObject? Get<T>(string name)
        where T : k8s.IKubernetesObject => Api.Get<T>(TestObjects.Namespace, name);

    /// <summary>How many reconciles of LiveStreams have finished so far (<c>controller_runtime_reconcile_total</c>, every result).</summary>
    public async Task<double> StreamReconcilesAsync()
    {
        using var exposition = new MemoryStream();
        await _metrics.CollectAndExportAsTextAsync(exposition);
        return Encoding.UTF8.GetString(exposition.ToArray()).Split('\n')
            .Where(l => l.StartsWith("controller_runtime_reconcile_total{controller=\"livestream\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; fails with <paramref name="what"/> and the last log lines otherwise.</summary>
    public Task EventuallyAsync(Func<bool> condition, string what) => EventuallyAsync(() => Task.FromResult(condition()), what);

    /// <inheritdoc cref="EventuallyAsync(Func{bool}, string)"/>
    public async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}; last log lines:\n{string.Join("\n", Logs.Lines.TakeLast(8))}");
            await Task.Delay(25);
        }
    }

    public static T As<T>(JsonObject json) => json.Deserialize<T>(WireJson.Options)!;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
        Kube.Dispose();
        await Runner.DisposeAsync();
        await Api.DisposeAsync();
    }
}
