using System.Security.Cryptography.X509Certificates;
using k8s;
using Ladder.ControllerRuntime.Controllers;
using Ladder.ControllerRuntime.Events;
using Ladder.ControllerRuntime.LeaderElection;
using Ladder.ControllerRuntime.Metrics;
using Ladder.Operator.Controllers;
using Ladder.Operator.Metrics;
using Ladder.Operator.Runner;
using Ladder.Operator.Webhooks;
using Prometheus;

namespace Ladder.Operator.Hosting;

/// <summary>
/// Builds the operator's web application: the Kubernetes client (in-cluster or kubeconfig), informers, controllers and
/// the controller manager (with leader election when asked), the event recorder, <c>/metrics</c> (this host's own
/// prometheus-net registry: the controller runtime's and the operator's families, <c>process_*</c> and <c>dotnet_*</c>), <c>/healthz</c>,
/// <c>/readyz</c> (ready once every informer has synced) and, with a certificate directory, the HTTPS webhook server.
/// </summary>
internal static class OperatorHost
{
    /// <summary>The Lease the replicas compete for.</summary>
    public const string LeaseName = "ladder-operator-leader";

    /// <summary>Builds the application (not started).</summary>
    public static WebApplication Build(HostSettings host, OperatorOptions options)
    {
        var config = LoadConfig(host);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        var metricsEndpoint = BindAddress.Parse(host.MetricsBindAddress, "--metrics-bind-address");
        var healthEndpoint = BindAddress.Parse(host.HealthProbeBindAddress, "--health-probe-bind-address");
        builder.WebHost.UseKestrel(kestrel =>
        {
            if (metricsEndpoint.Port != 0)
            {
                kestrel.Listen(metricsEndpoint);
            }

            kestrel.Listen(healthEndpoint);
            if (host.WebhookCertDir is { } dir)
            {
                var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(dir, "tls.crt"), Path.Combine(dir, "tls.key"));
                kestrel.ListenAnyIP(host.WebhookPort, listen => listen.UseHttps(certificate));
            }
        });
        var metrics = Prometheus.Metrics.NewCustomRegistry();
        DotNetStats.Register(metrics);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ControllerRuntimeMetrics>();
        builder.Services.AddSingleton<OperatorMetrics>();
        builder.Services.AddSingleton<IKubernetes>(new k8s.Kubernetes(config));
        builder.Services.AddSingleton(sp => new OperatorClients(sp.GetRequiredService<IKubernetes>()));
        builder.Services.AddSingleton(sp => new OperatorInformers(sp.GetRequiredService<OperatorClients>(), options.Namespace, TimeProvider.System,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Ladder.Operator.Informers"), sp.GetRequiredService<ControllerRuntimeMetrics>()));
        builder.Services.AddSingleton<IEventRecorder>(sp => new EventRecorder(sp.GetRequiredService<IKubernetes>(),
            new EventRecorderOptions { ReportingController = "ladder.dev/ladder-operator", ReportingInstance = Environment.MachineName },
            TimeProvider.System, sp.GetRequiredService<ILoggerFactory>().CreateLogger<EventRecorder>(), sp.GetRequiredService<ControllerRuntimeMetrics>()));
        builder.Services.AddSingleton(sp => new RunnerAdminClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, options.RunnerTimeout)); // each call sets its own deadline
        builder.Services.AddSingleton<IRunnerAddresses>(new ServiceRunnerAddresses(options.ServiceDomain));
        builder.Services.AddSingleton(sp => CreateManager(sp, host, config));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ControllerManager>());

        var app = builder.Build();
        var metricsPort = metricsEndpoint.Port;
        var healthPort = healthEndpoint.Port;
        if (metricsPort != 0)
        {
            app.MapMetrics("/metrics", metrics).RequireHost($"*:{metricsPort}");
        }

        app.MapGet("/healthz", () => Results.Text("ok\n")).RequireHost($"*:{healthPort}");
        app.MapGet("/readyz", (OperatorInformers cache) => Synced(cache)
            ? Results.Text("ok\n")
            : Results.Text("informer caches not synced yet\n", statusCode: StatusCodes.Status503ServiceUnavailable)).RequireHost($"*:{healthPort}");
        if (host.WebhookCertDir is not null)
        {
            app.MapGroup("").RequireHost($"*:{host.WebhookPort}").MapValidatingWebhooks();
        }

        return app;
    }

    private static ControllerManager CreateManager(IServiceProvider sp, HostSettings host, KubernetesClientConfiguration config)
    {
        var options = sp.GetRequiredService<OperatorOptions>();
        var loggers = sp.GetRequiredService<ILoggerFactory>();
        var runtimeMetrics = sp.GetRequiredService<ControllerRuntimeMetrics>();
        var clients = sp.GetRequiredService<OperatorClients>();
        var manager = new ControllerManager(sp.GetRequiredService<IHostApplicationLifetime>());
        if (host.LeaderElect)
        {
            manager.WithLeaderElection(sp.GetRequiredService<IKubernetes>(),
                new LeaderElectionOptions { LeaseName = LeaseName, LeaseNamespace = host.LeaderElectionNamespace ?? config.Namespace ?? "default", ReleaseOnCancel = true },
                TimeProvider.System, loggers.CreateLogger<LeaderElector>(), runtimeMetrics);
        }

        OperatorControllers.AddTo(manager, sp.GetRequiredService<OperatorInformers>(), clients, sp.GetRequiredService<RunnerAdminClient>(),
            sp.GetRequiredService<IRunnerAddresses>(), sp.GetRequiredService<IEventRecorder>(), options, TimeProvider.System, loggers, runtimeMetrics,
            sp.GetRequiredService<OperatorMetrics>());
        return manager;
    }

    private static bool Synced(OperatorInformers cache) =>
        cache.Streams.HasSynced && cache.Profiles.HasSynced && cache.Templates.HasSynced && cache.Secrets.HasSynced && cache.Deployments.HasSynced && cache.Services.HasSynced;

    // --kubeconfig (or KUBECONFIG) and --context win; else in a pod the service account; else ~/.kube/config.
    // KubernetesClient reads both (k8s.Exceptions.KubeConfigException, or an IOException, when unusable).
    private static KubernetesClientConfiguration LoadConfig(HostSettings host) =>
        host.Kubeconfig is null && host.Context is null && KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(host.Kubeconfig, host.Context);
}
