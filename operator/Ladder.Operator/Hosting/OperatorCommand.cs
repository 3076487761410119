using System.CommandLine;

namespace Ladder.Operator.Hosting;

/// <summary>
/// The command line: <c>ladder-operator [--kubeconfig FILE] [--context NAME] [--namespace NS] [--runner-image IMAGE]
/// [--leader-elect] [--metrics-bind-address :8080] [--health-probe-bind-address :8081] [--webhook-cert-dir DIR]</c>.
/// Each flag also reads an environment variable (<c>LADDER_*</c>, see README.md). Exits 0 after a graceful shutdown,
/// 1 when leadership is lost or the process fails, 2 on a configuration error.
/// </summary>
internal static class OperatorCommand
{
    /// <summary>Creates the root command.</summary>
    public static RootCommand Create()
    {
        var kubeconfig = Flag<string?>("--kubeconfig", "KUBECONFIG", "Kubeconfig file, one (default: in-cluster config in a pod, else ~/.kube/config).");
        var context = Flag<string?>("--context", "LADDER_CONTEXT", "Kubeconfig context (default: current-context).");
        var ns = Flag<string?>("--namespace", "LADDER_NAMESPACE", "Namespace to watch (default: all namespaces).");
        var image = Flag<string?>("--runner-image", "LADDER_RUNNER_IMAGE", "Default pipeline-runner image (a stream's spec.runner.image overrides it).");
        var leaderElect = new Option<bool>("--leader-elect") { Description = "Run controllers only while holding the Lease ladder-operator-leader (env LADDER_LEADER_ELECT=true).", DefaultValueFactory = _ => Env("LADDER_LEADER_ELECT") == "true" };
        var leaseNamespace = Flag<string?>("--leader-election-namespace", "POD_NAMESPACE", "Namespace of the leader election Lease (default: the pod's namespace).");
        var metrics = Flag<string?>("--metrics-bind-address", "LADDER_METRICS_BIND_ADDRESS", "host:port of /metrics (default :8080; port 0 turns it off).");
        var health = Flag<string?>("--health-probe-bind-address", "LADDER_HEALTH_PROBE_BIND_ADDRESS", "host:port of /healthz and /readyz (default :8081).");
        var certDir = Flag<string?>("--webhook-cert-dir", "LADDER_WEBHOOK_CERT_DIR", "Directory with tls.crt and tls.key (e.g. a cert-manager Secret); serves the validating webhook on :9443.");
        var command = new RootCommand("Ladder operator: reconciles LiveStreams into pipeline-runner pods.") { kubeconfig, context, ns, image, leaderElect, leaseNamespace, metrics, health, certDir };
        command.SetAction(async (result, cancellationToken) =>
        {
            var host = new HostSettings
            {
                Kubeconfig = result.GetValue(kubeconfig),
                Context = result.GetValue(context),
                LeaderElect = result.GetValue(leaderElect),
                LeaderElectionNamespace = result.GetValue(leaseNamespace),
                MetricsBindAddress = result.GetValue(metrics) ?? ":8080",
                HealthProbeBindAddress = result.GetValue(health) ?? ":8081",
                WebhookCertDir = result.GetValue(certDir),
            };
            var defaults = new OperatorOptions();
            var options = defaults with { Namespace = result.GetValue(ns), RunnerImage = result.GetValue(image) ?? defaults.RunnerImage };
            WebApplication app;
            try
            {
                app = OperatorHost.Build(host, options);
            }
            catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or FormatException or IOException or System.Security.Cryptography.CryptographicException)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync("ladder-operator: " + e.Message).ConfigureAwait(false);
                return 2;
            }

            await using (app.ConfigureAwait(false))
            {
                await app.RunAsync(cancellationToken).ConfigureAwait(false);
            }

            return Environment.ExitCode;
        });
        return command;
    }

    private static Option<T> Flag<T>(string name, string variable, string description) =>
        new(name) { Description = $"{description} Env: {variable}.", DefaultValueFactory = _ => (T)(object?)Env(variable)! };

    private static string? Env(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
}
