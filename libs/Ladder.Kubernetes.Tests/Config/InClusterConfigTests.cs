using Ladder.Kubernetes.Testing;

namespace Ladder.Kubernetes.Tests.Config;

public sealed class InClusterConfigTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Load_Should_ReadTheServiceAccountFiles_And_SendTheRotatedToken()
    {
        using var tls = TestCertificates.Create();
        var dir = Directory.CreateTempSubdirectory("ladder-sa-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "token"), "token-1");
            File.WriteAllText(Path.Combine(dir.FullName, "ca.crt"), tls.CaPem);
            File.WriteAllText(Path.Combine(dir.FullName, "namespace"), "ladder-system\n");
            var config = InClusterConfig.Load(dir.FullName, "10.96.0.1", "443");
            Assert.Equal(new Uri("https://10.96.0.1:443"), config.Server);
            Assert.Equal("ladder-system", config.Namespace);
            Assert.Single(config.CertificateAuthorities!);

            var time = new ManualTime();
            var source = new TokenFileSource(config.TokenFile!, time);
            Assert.Equal("token-1", source.GetToken());
            File.WriteAllText(config.TokenFile!, "token-2");
            File.SetLastWriteTimeUtc(config.TokenFile!, DateTime.UtcNow.AddMinutes(1));
            Assert.Equal("token-2", source.GetToken());

            await using var server = await ApiReplayServer.StartAsync("09-get-widget");
            using var client = new KubernetesClient(new KubernetesClientConfig { Server = server.Address, TokenFile = config.TokenFile });
            await client.Resource<Widget>(Widget.Resource).GetAsync("demo", "w1");
            Assert.Equal("Bearer token-2", server.Requests[0].Authorization);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_Should_SayItIsNotAPod_When_TheServiceVariablesAreMissing()
    {
        var error = Assert.Throws<KubeConfigException>(() => InClusterConfig.Load("/nonexistent", "", ""));
        Assert.Contains("use a kubeconfig", error.Message, StringComparison.Ordinal);
    }
}
