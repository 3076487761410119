using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ladder.Kubernetes;

/// <summary>
/// Loads a kubeconfig the way kubectl does (client-go <c>tools/clientcmd</c> loading rules): the files of
/// <c>KUBECONFIG</c> (separated by <see cref="Path.PathSeparator"/>) merged, else <c>~/.kube/config</c>; the first
/// file to define a cluster, user or context name wins, and <c>current-context</c> comes from the first file that
/// sets it; relative file paths are resolved against the file that names them.
/// </summary>
public static class KubeConfigLoader
{
    /// <summary>Resolves one context into a <see cref="KubernetesClientConfig"/>.</summary>
    /// <param name="context">The context to use (kubectl <c>--context</c>); null uses <c>current-context</c>.</param>
    /// <param name="kubeconfig">
    /// The kubeconfig file list, as in <c>KUBECONFIG</c>; null reads the <c>KUBECONFIG</c> variable, then falls back
    /// to <c>~/.kube/config</c>. Files of a list that do not exist are skipped, as kubectl does, unless none exists.
    /// </param>
    /// <exception cref="KubeConfigException">
    /// No file exists or one is not valid YAML; no context is selected or it names a missing cluster or user; the
    /// cluster has no server; base64 data, PEM files, the key or the token file do not load; an exec or auth-provider plugin is configured.
    /// </exception>
    public static KubernetesClientConfig Load(string? context = null, string? kubeconfig = null)
    {
        kubeconfig ??= Environment.GetEnvironmentVariable("KUBECONFIG");
        var paths = string.IsNullOrEmpty(kubeconfig)
            ? [Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config")]
            : kubeconfig.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var existing = paths.Where(File.Exists).Select(Path.GetFullPath).ToList();
        if (existing.Count == 0)
        {
            throw new KubeConfigException(
                $"No kubeconfig file found (looked for {string.Join(", ", paths.Select(p => $"'{p}'"))}): set KUBECONFIG to an existing file, or create ~/.kube/config.");
        }

        var merged = new MergedKubeConfig();
        foreach (var path in existing)
        {
            merged.Add(path, Parse(path));
        }

        return Resolve(merged, context, existing);
    }

    private static YamlMappingNode Parse(string path)
    {
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path, Encoding.UTF8))
            {
                stream.Load(reader);
            }

            return stream.Documents.Count == 0 ? new YamlMappingNode() : stream.Documents[0].RootNode as YamlMappingNode
                ?? throw new KubeConfigException($"The kubeconfig '{path}' is not a YAML mapping (apiVersion, clusters, contexts, users): fix or replace the file.");
        }
        catch (YamlException e)
        {
            throw new KubeConfigException($"The kubeconfig '{path}' is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}", e);
        }
    }

    private static KubernetesClientConfig Resolve(MergedKubeConfig config, string? contextName, IReadOnlyList<string> files)
    {
        var fileList = string.Join(", ", files);
        contextName ??= config.CurrentContext;
        if (string.IsNullOrEmpty(contextName))
        {
            throw new KubeConfigException(
                $"No current-context is set in {fileList}: run 'kubectl config use-context <name>' or pass a context explicitly (available: {Names(config.Contexts)}).");
        }

        if (!config.Contexts.TryGetValue(contextName, out var context))
        {
            throw new KubeConfigException($"Context '{contextName}' is not defined in {fileList} (available: {Names(config.Contexts)}): pick one of those or add it.");
        }

        var clusterName = Scalar(context.Node, "cluster");
        if (clusterName is null || !config.Clusters.TryGetValue(clusterName, out var cluster))
        {
            throw new KubeConfigException($"Context '{contextName}' in {context.File} names cluster '{clusterName}', which is not defined in {fileList}: add it under clusters or fix the context.");
        }

        var userName = Scalar(context.Node, "user");
        KubeConfigEntry? user = null;
        if (userName is not null && !config.Users.TryGetValue(userName, out user))
        {
            throw new KubeConfigException($"Context '{contextName}' in {context.File} names user '{userName}', which is not defined in {fileList}: add it under users or fix the context.");
        }

        var server = Scalar(cluster.Node, "server");
        if (string.IsNullOrEmpty(server) || !Uri.TryCreate(server, UriKind.Absolute, out var serverUri))
        {
            throw new KubeConfigException($"Cluster '{clusterName}' in {cluster.File} has no valid server URL (got '{server}'): set clusters[].cluster.server, e.g. https://10.0.0.1:6443.");
        }

        if (user is not null && (user.Node.Children.ContainsKey("exec") || user.Node.Children.ContainsKey("auth-provider")))
        {
            throw new KubeConfigException($"User '{userName}' in {user.File} uses an exec or auth-provider plugin, which Ladder does not run: use a token, tokenFile or client certificate instead.");
        }

        var caPem = ReadPem(cluster, "certificate-authority", $"cluster '{clusterName}'");
        var certPem = user is null ? null : ReadPem(user, "client-certificate", $"user '{userName}'");
        var keyPem = user is null ? null : ReadPem(user, "client-key", $"user '{userName}'");
        var tokenFile = user is null ? null : TokenFile(user, $"user '{userName}'");
        return new KubernetesClientConfig
        {
            Server = serverUri,
            CertificateAuthorities = caPem is null ? null : LoadCertificateAuthorities(caPem, $"cluster '{clusterName}' in {cluster.File}"),
            ClientCertificate = LoadClientCertificate(certPem, keyPem, $"user '{userName}' in {user?.File}"),
            BearerToken = user is null ? null : Scalar(user.Node, "token"),
            TokenFile = tokenFile,
            InsecureSkipTlsVerify = string.Equals(Scalar(cluster.Node, "insecure-skip-tls-verify"), "true", StringComparison.OrdinalIgnoreCase),
            Namespace = Scalar(context.Node, "namespace"),
        };
    }

    /// <summary>Reads <c>{key}-data</c> (base64 PEM) or the file <c>{key}</c> (relative to the kubeconfig naming it).</summary>
    private static string? ReadPem(KubeConfigEntry entry, string key, string owner)
    {
        if (Scalar(entry.Node, key + "-data") is { Length: > 0 } data)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(data));
            }
            catch (FormatException e)
            {
                throw new KubeConfigException($"{key}-data of {owner} in {entry.File} is not valid base64: paste the output of 'base64 -w0' of the PEM file, or use {key} with a file path.", e);
            }
        }

        if (Scalar(entry.Node, key) is not { Length: > 0 } file)
        {
            return null;
        }

        var path = Path.GetFullPath(file, Path.GetDirectoryName(entry.File)!);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"{key} of {owner} in {entry.File} points to '{path}', which cannot be read ({e.Message}): fix the path (relative paths are resolved against the kubeconfig file).", e);
        }
    }

    /// <summary>
    /// Resolves <c>tokenFile</c> (relative to the kubeconfig naming it) and checks it can be read now, as client-go
    /// does at load time, rather than failing on the first request.
    /// </summary>
    private static string? TokenFile(KubeConfigEntry user, string owner)
    {
        if (Scalar(user.Node, "tokenFile") is not { Length: > 0 } file)
        {
            return null;
        }

        var path = Path.GetFullPath(file, Path.GetDirectoryName(user.File)!);
        try
        {
            using (File.OpenRead(path))
            {
                return path;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"tokenFile of {owner} in {user.File} points to '{path}', which cannot be read ({e.Message}): fix the path (relative paths are resolved against the kubeconfig file).", e);
        }
    }

    private static X509Certificate2Collection LoadCertificateAuthorities(string pem, string owner)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new KubeConfigException($"The certificate authority of {owner} is not a valid PEM certificate: {e.Message}", e);
        }

        return roots.Count > 0 ? roots
            : throw new KubeConfigException($"The certificate authority of {owner} holds no PEM certificate (expected -----BEGIN CERTIFICATE-----).");
    }

    private static X509Certificate2? LoadClientCertificate(string? certPem, string? keyPem, string owner)
    {
        if (certPem is null && keyPem is null)
        {
            return null;
        }

        if (certPem is null || keyPem is null)
        {
            throw new KubeConfigException($"{owner} sets only one of client-certificate and client-key: a client certificate needs both.");
        }

        try
        {
            using var ephemeral = X509Certificate2.CreateFromPem(certPem, keyPem);
            // SslStream wants a key it can persist; a PKCS#12 round trip gives it one on every platform.
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException e)
        {
            throw new KubeConfigException($"The client certificate or key of {owner} does not load ({e.Message}): check both are PEM and that the key matches the certificate.", e);
        }
    }

    private static string Names(IReadOnlyDictionary<string, KubeConfigEntry> entries) =>
        entries.Count == 0 ? "none" : string.Join(", ", entries.Keys);

    internal static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { } text } ? text : null;
}
