namespace Ladder.E2E;

/// <summary>
/// <c>helm install</c> of <c>charts/ladder</c> into its own namespace, as a platform team installs Ladder (CRDs, RBAC,
/// ServiceAccount, operator Deployment), and a kubeconfig holding a token of the chart's ServiceAccount (TokenRequest,
/// <c>kubectl create token</c>), so the operator the suite runs out of cluster has exactly the chart's RBAC.
/// </summary>
internal sealed class ChartInstall
{
    private readonly string _adminKubeconfig;

    private ChartInstall(string adminKubeconfig, string release, string @namespace, string serviceAccountKubeconfig)
    {
        _adminKubeconfig = adminKubeconfig;
        Release = release;
        Namespace = @namespace;
        ServiceAccountKubeconfig = serviceAccountKubeconfig;
    }

    /// <summary>The Helm release name, which also names the chart's ClusterRole and ServiceAccount.</summary>
    public string Release { get; }

    /// <summary>The release namespace (the operator's, where its leader election Lease lives).</summary>
    public string Namespace { get; }

    /// <summary>A kubeconfig file authenticating as the chart's ServiceAccount.</summary>
    public string ServiceAccountKubeconfig { get; }

    /// <summary>Installs the chart (waiting for nothing: without a kubelet its pod stays Pending) and mints the token.</summary>
    public static async Task<ChartInstall> InstallAsync(string adminKubeconfig, string id)
    {
        var release = "ladder-e2e-" + id;
        var ns = "ladder-system-e2e-" + id;
        // Helm 4 applies the chart's CRDs server-side; on a cluster where an earlier build's CRDs were applied by another
        // field manager (kubectl, this suite), the fields that changed conflict, so the install takes them over.
        (await ClusterTools.HelmAsync(adminKubeconfig, "install", release, "charts/ladder", "--namespace", ns, "--create-namespace", "--force-conflicts"))
            .EnsureSuccess("helm install");
        var account = (await ClusterTools.KubectlAsync(adminKubeconfig, "get", "serviceaccount", "-n", ns, "-l", "app.kubernetes.io/instance=" + release, "-o", "jsonpath={.items[0].metadata.name}"))
            .EnsureSuccess("kubectl get serviceaccount").Output.Trim();
        var token = (await ClusterTools.KubectlAsync(adminKubeconfig, "create", "token", account, "-n", ns, "--duration", "2h")).EnsureSuccess("kubectl create token").Output.Trim();
        var server = await ConfigValueAsync(adminKubeconfig, "{.clusters[0].cluster.server}");
        var ca = await ConfigValueAsync(adminKubeconfig, "{.clusters[0].cluster.certificate-authority-data}");
        var path = Path.Combine(Path.GetTempPath(), $"ladder-e2e-{id}.kubeconfig");
        await File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: e2e
              cluster:
                server: {server}
            {(ca.Length > 0 ? "    certificate-authority-data: " + ca : "    insecure-skip-tls-verify: true")}
            users:
            - name: {account}
              user:
                token: {token}
            contexts:
            - name: e2e
              context:
                cluster: e2e
                user: {account}
            current-context: e2e
            """);
        return new ChartInstall(adminKubeconfig, release, ns, path);
    }

    /// <summary>Uninstalls the release and deletes its namespace and the token kubeconfig; the CRDs stay (Helm keeps them).</summary>
    public async Task UninstallAsync()
    {
        File.Delete(ServiceAccountKubeconfig);
        await ClusterTools.HelmAsync(_adminKubeconfig, "uninstall", Release, "--namespace", Namespace);
        await ClusterTools.KubectlAsync(_adminKubeconfig, "delete", "namespace", Namespace, "--wait=false");
    }

    private static async Task<string> ConfigValueAsync(string kubeconfig, string path) =>
        (await ClusterTools.KubectlAsync(kubeconfig, "config", "view", "--raw", "--minify", "-o", "jsonpath=" + path)).EnsureSuccess("kubectl config view").Output.Trim();
}
