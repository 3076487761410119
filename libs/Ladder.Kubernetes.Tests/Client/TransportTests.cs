using System.Net;
using Ladder.Api.Meta;
using Ladder.Kubernetes.Errors;
using Ladder.Kubernetes.Testing;

namespace Ladder.Kubernetes.Tests.Client;

public sealed class TransportTests
{
    [Fact]
    public async Task TooManyRequests_Should_ExposeRetryAfter()
    {
        await using var server = await ApiReplayServer.StartAsync();
        server.Script("429", _ => true, ScriptedResponses.Status(429, StatusReasons.TooManyRequests, "too many requests, please try again later", TimeSpan.FromSeconds(3)));
        using var client = server.CreateClient();
        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.Resource<Widget>(Widget.Resource).GetAsync("demo", "w1"));
        Assert.True(error.IsTooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
    }

    [Fact]
    public async Task NonStatusBody_Should_StillGiveTheHttpCode()
    {
        await using var server = await ApiReplayServer.StartAsync();
        server.Script("proxy", _ => true, ScriptedResponses.Text(502, "text/html", "<html><body>Bad Gateway</body></html>"));
        using var client = server.CreateClient();
        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.Resource<Widget>(Widget.Resource).GetAsync("demo", "w1"));
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Contains("HTTP 502", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bad Gateway", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowServer_Should_HitTheClientTimeout()
    {
        await using var server = await ApiReplayServer.StartAsync("09-get-widget");
        server.Script("slow", _ => true, ScriptedResponses.Delayed(TimeSpan.FromSeconds(30), ScriptedResponses.Status(500, "InternalError", "late")));
        using var client = server.CreateClient(TimeSpan.FromMilliseconds(300));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.Resource<Widget>(Widget.Resource).GetAsync("demo", "w1"));
        Assert.Contains("KubernetesClientConfiguration.HttpClientTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Should_SendTheServiceAccountToken_When_TheConfigurationReadsATokenFile()
    {
        var tokenFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(tokenFile, "sa-token-1\n");
            await using var server = await ApiReplayServer.StartAsync("09-get-widget");
            using var client = new KubernetesClient(new k8s.KubernetesClientConfiguration
            {
                Host = server.Address.ToString(),
                TokenProvider = new k8s.Authentication.TokenFileAuth(tokenFile), // what InClusterConfig() sets up in a pod
            });
            await client.Resource<Widget>(Widget.Resource).GetAsync("demo", "w1");
            Assert.Equal("Bearer sa-token-1", Assert.Single(server.Requests).Authorization);
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public async Task Tls_Should_PresentTheClientCertificate_And_TrustTheConfiguredCa()
    {
        using var tls = TestCertificates.Create();
        await using var server = await ApiReplayServer.StartAsync(["09-get-widget"], tls);
        using var client = new KubernetesClient(new k8s.KubernetesClientConfiguration
        {
            Host = server.Address.ToString(),
            SslCaCerts = [tls.Ca],
            ClientCertificateData = Base64(tls.ClientCertificatePem),
            ClientCertificateKeyData = Base64(tls.ClientKeyPem),
        });
        var widget = await client.Resource<Widget>(Widget.Resource).GetAsync("demo", "w1");
        Assert.Equal("w1", widget.Metadata.Name);
        Assert.Equal("https", server.Address.Scheme);
    }

    [Fact]
    public async Task Tls_Should_FailTheHandshake_When_NoClientCertificateIsPresented()
    {
        using var tls = TestCertificates.Create();
        await using var server = await ApiReplayServer.StartAsync(["09-get-widget"], tls);
        using var client = new KubernetesClient(new k8s.KubernetesClientConfiguration { Host = server.Address.ToString(), SslCaCerts = [tls.Ca] });
        await Assert.ThrowsAsync<HttpRequestException>(() => client.Resource<Widget>(Widget.Resource).GetAsync("demo", "w1"));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Tls_Should_RejectTheServer_When_ItsCaIsNotTrusted()
    {
        using var tls = TestCertificates.Create();
        using var other = TestCertificates.Create();
        await using var server = await ApiReplayServer.StartAsync(["09-get-widget"], tls);
        using var client = new KubernetesClient(new k8s.KubernetesClientConfiguration { Host = server.Address.ToString(), SslCaCerts = [other.Ca], ClientCertificateData = Base64(tls.ClientCertificatePem), ClientCertificateKeyData = Base64(tls.ClientKeyPem) });
        await Assert.ThrowsAsync<HttpRequestException>(() => client.Resource<Widget>(Widget.Resource).GetAsync("demo", "w1"));
    }

    // kubeconfig's client-certificate-data and client-key-data: base64 of the PEM.
    private static string Base64(string pem) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pem));
}
