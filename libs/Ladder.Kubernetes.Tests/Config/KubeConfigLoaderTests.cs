using System.Text;
using Ladder.Kubernetes.Testing;

namespace Ladder.Kubernetes.Tests.Config;

public sealed class KubeConfigLoaderTests
{
    private static string Asset(string name) => Path.Combine(AppContext.BaseDirectory, "Assets", name);

    [Fact]
    public void Load_Should_LetTheFirstFileWin_When_SeveralFilesAreMerged()
    {
        var config = KubeConfigLoader.Load(kubeconfig: Asset("merge-first.yaml") + Path.PathSeparator + Asset("merge-second.yaml"));
        Assert.Equal(new Uri("https://first.example:6443"), config.Server);
        Assert.Equal("first-token", config.BearerToken);
        Assert.True(config.InsecureSkipTlsVerify);
        Assert.Equal("team-a", config.Namespace);
    }

    [Fact]
    public void Load_Should_UseTheContextOverride_And_ResolveRelativePathsAgainstTheirFile()
    {
        using var tls = TestCertificates.Create();
        var dir = Directory.CreateTempSubdirectory("ladder-kubeconfig-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "certs"));
            Directory.CreateDirectory(Path.Combine(dir.FullName, "tokens"));
            File.WriteAllText(Path.Combine(dir.FullName, "certs", "ca.pem"), tls.CaPem);
            File.WriteAllText(Path.Combine(dir.FullName, "tokens", "bob"), "bob-token\n");
            File.Copy(Asset("merge-second.yaml"), Path.Combine(dir.FullName, "config"));
            var config = KubeConfigLoader.Load("second", Asset("merge-first.yaml") + Path.PathSeparator + Path.Combine(dir.FullName, "config"));
            Assert.Equal(new Uri("https://other.example:6443"), config.Server);
            Assert.Equal(tls.Ca.Thumbprint, Assert.Single(config.CertificateAuthorities!).Thumbprint);
            Assert.Equal(Path.Combine(dir.FullName, "tokens", "bob"), config.TokenFile);
            Assert.Equal("team-b", config.Namespace);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_Should_ReadCertificateAndKeyFromData()
    {
        using var tls = TestCertificates.Create();
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, $"""
                apiVersion: v1
                kind: Config
                current-context: x
                clusters:
                - name: c
                  cluster: {"{"}server: https://127.0.0.1:6443, certificate-authority-data: {B64(tls.CaPem)}{"}"}
                users:
                - name: u
                  user: {"{"}client-certificate-data: {B64(tls.ClientCertificatePem)}, client-key-data: {B64(tls.ClientKeyPem)}{"}"}
                contexts:
                - name: x
                  context: {"{"}cluster: c, user: u{"}"}
                """);
            var config = KubeConfigLoader.Load(kubeconfig: file);
            Assert.True(config.ClientCertificate!.HasPrivateKey);
            Assert.Equal(tls.Client.Thumbprint, config.ClientCertificate.Thumbprint);
            Assert.Equal(tls.Ca.Thumbprint, config.CertificateAuthorities![0].Thumbprint);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Load_Should_SkipServerVerification_And_TrustNoCa_When_InsecureSkipTlsVerifyIsTrue()
    {
        var config = KubeConfigLoader.Load(kubeconfig: Asset("insecure-skip-tls-verify.yaml"));
        Assert.True(config.InsecureSkipTlsVerify);
        Assert.Null(config.CertificateAuthorities);
        Assert.Null(config.ClientCertificate);
        Assert.Equal(new Uri("https://dev.example:6443"), config.Server);
        Assert.Equal("dev-token", config.BearerToken);
    }

    [Fact]
    public async Task Load_Should_ResolveTheTokenFileAgainstTheKubeconfig_And_TheClientShouldSendItsToken()
    {
        var config = KubeConfigLoader.Load(kubeconfig: Asset("token-file.yaml"));
        Assert.Equal(Asset("token-file.token"), config.TokenFile);
        Assert.Null(config.BearerToken);
        Assert.False(config.InsecureSkipTlsVerify);

        await using var server = await ApiReplayServer.StartAsync("09-get-widget");
        using var client = new KubernetesClient(new KubernetesClientConfig { Server = server.Address, TokenFile = config.TokenFile });
        await client.Resource<Widget>(Widget.Resource).GetAsync("demo", "w1");
        Assert.Equal("Bearer ci-token", Assert.Single(server.Requests).Authorization);
        Assert.Empty(server.Mismatches);
    }

    [Fact]
    public void Load_Should_NameTheUserAndTheResolvedPath_When_TheTokenFileIsMissing()
    {
        var error = Assert.Throws<KubeConfigException>(() => KubeConfigLoader.Load(kubeconfig: Asset("token-file-missing.yaml")));
        Assert.Contains("tokenFile of user 'ci'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"points to '{Asset(Path.Combine("tokens", "does-not-exist"))}', which cannot be read", error.Message, StringComparison.Ordinal);
        Assert.Contains("relative paths are resolved against the kubeconfig file", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }

    [Theory]
    [InlineData("no-current-context.yaml", "No current-context is set")]
    [InlineData("bad-base64.yaml", "certificate-authority-data of cluster 'c'")]
    [InlineData("missing-user.yaml", "names user 'ghost', which is not defined")]
    [InlineData("does-not-exist.yaml", "No kubeconfig file found")]
    public void Load_Should_SayWhatToFix(string asset, string message)
    {
        var error = Assert.Throws<KubeConfigException>(() => KubeConfigLoader.Load(kubeconfig: Asset(asset)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Should_ListTheContexts_When_TheRequestedOneIsMissing()
    {
        var error = Assert.Throws<KubeConfigException>(() => KubeConfigLoader.Load("nope", Asset("merge-first.yaml")));
        Assert.Contains("available: first", error.Message, StringComparison.Ordinal);
    }
}
