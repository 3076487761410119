using Ladder.Kubernetes.Testing;
using Ladder.Operator.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Ladder.Operator.Tests.Support;

/// <summary>
/// The operator's real host (<see cref="OperatorHost.Build"/>, what <c>ladder-operator</c> runs) started in-process
/// out of cluster: a temp kubeconfig pointing at a <see cref="FakeApiServer"/>, metrics and probes on free loopback
/// ports, leader election on.
/// </summary>
internal sealed class InProcessOperator : IAsyncDisposable
{
    private readonly TempKubeconfig _kubeconfig;
    private bool _stopped;

    private InProcessOperator(FakeApiServer api, TempKubeconfig kubeconfig, WebApplication app, int metricsPort, int healthPort)
    {
        Api = api;
        _kubeconfig = kubeconfig;
        App = app;
        Metrics = new Uri($"http://127.0.0.1:{metricsPort}/metrics");
        Health = new Uri($"http://127.0.0.1:{healthPort}/");
        Kube = api.CreateKubernetes();
        Objects = new ObjectClients(Kube);
    }

    public FakeApiServer Api { get; }

    public WebApplication App { get; }

    public Uri Metrics { get; }

    /// <summary>The probe server's base address (<c>/healthz</c>, <c>/readyz</c>).</summary>
    public Uri Health { get; }

    public k8s.Kubernetes Kube { get; }

    /// <summary>The user's side: seeding and reading objects as kubectl does.</summary>
    public ObjectClients Objects { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<InProcessOperator> StartAsync()
    {
        var api = await FakeApiServer.StartAsync();
        var kubeconfig = new TempKubeconfig(api.Address);
        var (metricsPort, healthPort) = (FreePort.Next(), FreePort.Next());
        var host = new HostSettings
        {
            Kubeconfig = kubeconfig.Path,
            LeaderElect = true,
            LeaderElectionNamespace = "ladder-system",
            MetricsBindAddress = $"127.0.0.1:{metricsPort}",
            HealthProbeBindAddress = $"127.0.0.1:{healthPort}",
        };
        var app = OperatorHost.Build(host, new OperatorOptions { RunnerImage = "ladder/runner:test", RunnerTimeout = TimeSpan.FromMilliseconds(500) });
        await app.StartAsync();
        return new InProcessOperator(api, kubeconfig, app, metricsPort, healthPort);
    }

    /// <summary>Stops the host as SIGTERM does (the generic host's graceful shutdown).</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await App.StopAsync(deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await App.DisposeAsync();
        Http.Dispose();
        Kube.Dispose();
        await Api.DisposeAsync();
        _kubeconfig.Dispose();
    }
}
