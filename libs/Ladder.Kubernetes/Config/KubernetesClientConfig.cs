using System.Security.Cryptography.X509Certificates;

namespace Ladder.Kubernetes;

/// <summary>
/// Everything needed to reach one API server as one user: the resolved result of a kubeconfig context
/// (<see cref="KubeConfigLoader"/>) or of the in-cluster environment (<see cref="InClusterConfig"/>).
/// </summary>
public sealed class KubernetesClientConfig
{
    /// <summary>The API server URL, e.g. <c>https://10.0.0.1:6443</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>The CAs that sign the server certificate; null trusts the system roots.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>The client certificate, with its private key, presented for mutual TLS.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>A static bearer token.</summary>
    public string? BearerToken { get; init; }

    /// <summary>
    /// A file holding the bearer token, re-read when it changes and at least every minute (client-go's
    /// <c>cachingTokenSource</c>), so a kubelet-rotated service-account token is picked up. Wins over <see cref="BearerToken"/>.
    /// </summary>
    public string? TokenFile { get; init; }

    /// <summary>Skip server certificate verification (kubeconfig <c>insecure-skip-tls-verify</c>); for development only.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The default namespace of the context, or the pod's namespace in-cluster; null means <c>default</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary>Timeout of each non-watch request, body included (default 30 s). Watches use the server-side <c>timeoutSeconds</c> instead.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The User-Agent sent, which the server also uses as the default field manager.</summary>
    public string UserAgent { get; init; } = "ladder";
}
