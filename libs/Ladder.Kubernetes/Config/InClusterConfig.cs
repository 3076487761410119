using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ladder.Kubernetes;

/// <summary>
/// The configuration of a pod talking to its own cluster (client-go <c>rest.InClusterConfig</c>): the server from
/// <c>KUBERNETES_SERVICE_HOST</c>/<c>KUBERNETES_SERVICE_PORT</c>, and the service account's <c>token</c> (re-read as
/// the kubelet rotates it), <c>ca.crt</c> and <c>namespace</c> files.
/// </summary>
public static class InClusterConfig
{
    /// <summary>Where the kubelet mounts the service-account files.</summary>
    public const string DefaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>True when the service host variable is set and the token file exists.</summary>
    /// <param name="directory">The service-account directory; tests pass a temporary one.</param>
    public static bool IsInCluster(string directory = DefaultDirectory) =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")) && File.Exists(Path.Combine(directory, "token"));

    /// <summary>Builds the configuration.</summary>
    /// <param name="directory">The service-account directory holding <c>token</c>, <c>ca.crt</c> and optionally <c>namespace</c>.</param>
    /// <param name="host">The API server host; null reads <c>KUBERNETES_SERVICE_HOST</c>.</param>
    /// <param name="port">The API server port; null reads <c>KUBERNETES_SERVICE_PORT</c>.</param>
    /// <exception cref="KubeConfigException">The variables are unset (not in a pod), or the token or CA file is missing or invalid.</exception>
    public static KubernetesClientConfig Load(string directory = DefaultDirectory, string? host = null, string? port = null)
    {
        host ??= Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
        port ??= Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeConfigException(
                "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set, so this is not a pod: run in a cluster, or use a kubeconfig (KUBECONFIG) instead.");
        }

        var token = Path.Combine(directory, "token");
        if (!File.Exists(token))
        {
            throw new KubeConfigException(
                $"The service-account token '{token}' does not exist: set automountServiceAccountToken: true on the pod or its service account.");
        }

        var ca = Path.Combine(directory, "ca.crt");
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(File.ReadAllText(ca));
        }
        catch (Exception e) when (e is IOException or CryptographicException)
        {
            throw new KubeConfigException($"The cluster CA '{ca}' cannot be loaded ({e.Message}): the service-account volume is incomplete.", e);
        }

        var namespaceFile = Path.Combine(directory, "namespace");
        var hostPart = System.Net.IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
        return new KubernetesClientConfig
        {
            Server = new Uri($"https://{hostPart}:{port}"),
            CertificateAuthorities = roots,
            TokenFile = token,
            Namespace = File.Exists(namespaceFile) ? File.ReadAllText(namespaceFile).Trim() : null,
        };
    }
}
