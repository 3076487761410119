namespace Ladder.Operator.Hosting;

/// <summary>How the operator process connects and serves (from flags; see README.md).</summary>
internal sealed record HostSettings
{
    /// <summary>Kubeconfig file (<c>--kubeconfig</c> or <c>KUBECONFIG</c>, one file); null: in-cluster config in a pod, else <c>~/.kube/config</c>.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>Kubeconfig context (<c>--context</c>); null: current-context.</summary>
    public string? Context { get; init; }

    /// <summary>Run controllers only while holding the Lease <c>ladder-operator-leader</c> (<c>--leader-elect</c>).</summary>
    public bool LeaderElect { get; init; }

    /// <summary>Namespace of the leader election Lease (<c>--leader-election-namespace</c>); null: the pod's namespace, else <c>default</c>.</summary>
    public string? LeaderElectionNamespace { get; init; }

    /// <summary>Where <c>/metrics</c> is served (<c>--metrics-bind-address</c>), <c>host:port</c>; port 0 turns it off.</summary>
    public string MetricsBindAddress { get; init; } = ":8080";

    /// <summary>Where <c>/healthz</c> and <c>/readyz</c> are served (<c>--health-probe-bind-address</c>).</summary>
    public string HealthProbeBindAddress { get; init; } = ":8081";

    /// <summary>Directory with <c>tls.crt</c> and <c>tls.key</c> for the webhook server (<c>--webhook-cert-dir</c>); null: no webhook server.</summary>
    public string? WebhookCertDir { get; init; }

    /// <summary>The webhook server's HTTPS port (<c>--webhook-port</c>).</summary>
    public int WebhookPort { get; init; } = 9443;
}
