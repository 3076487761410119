using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using V1ObjectMeta = k8s.Models.V1ObjectMeta;

namespace Ladder.Kubernetes;

/// <summary>
/// A connection to one API server: one <see cref="HttpClient"/> whose handler trusts the configured CA (or skips
/// verification), presents the client certificate and adds the bearer token (re-read from its file for
/// in-cluster rotation). Hands out typed <see cref="IResourceClient{T}"/>s; thread-safe; dispose it once.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Connects with a handler built from <paramref name="config"/> (TLS, client certificate, token).</summary>
    public KubernetesClient(KubernetesClientConfig config)
        : this(config, CreateTlsHandler(config))
    {
    }

    /// <summary>
    /// Connects through <paramref name="handler"/> (e.g. an in-memory test server's handler); the bearer token of
    /// <paramref name="config"/> is still added, TLS settings are the handler's business.
    /// </summary>
    public KubernetesClient(KubernetesClientConfig config, HttpMessageHandler handler)
    {
        Config = config;
        HttpMessageHandler pipeline = handler;
        if (config.TokenFile is not null || config.BearerToken is not null)
        {
            pipeline = new BearerTokenHandler(config, TimeProvider.System) { InnerHandler = handler };
        }

        _http = new HttpClient(pipeline) { BaseAddress = config.Server, Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(config.UserAgent);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>The configuration this client was built from.</summary>
    public KubernetesClientConfig Config { get; }

    /// <summary>The namespace of the configuration, or <c>default</c>.</summary>
    public string DefaultNamespace => Config.Namespace ?? "default";

    /// <summary>A typed client for <paramref name="resource"/>; cheap, create as many as needed.</summary>
    public IResourceClient<T> Resource<T>(ApiResource resource)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta> => new ResourceClient<T>(this, resource);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>Sends a non-watch request under <see cref="KubernetesClientConfig.Timeout"/> and returns the 2xx body.</summary>
    internal async Task<byte[]> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Config.Timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw ApiErrors.FromResponse(request, response, body);
            }

            return body;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{request.Method} {request.RequestUri}: no complete answer within {Config.Timeout.TotalSeconds:0.###} s; " +
                "the API server is slow or unreachable (raise KubernetesClientConfig.Timeout if the call is expected to take longer).", e);
        }
    }

    /// <summary>Sends a watch: returns the 2xx response once headers arrive, without a client timeout.</summary>
    internal async Task<HttpResponseMessage> SendStreamingAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            throw ApiErrors.FromResponse(request, response, body);
        }
    }

    private static SocketsHttpHandler CreateTlsHandler(KubernetesClientConfig config)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (config.ClientCertificate is not null)
        {
            ssl.ClientCertificates = [config.ClientCertificate];
        }

        if (config.InsecureSkipTlsVerify)
        {
#pragma warning disable CA5359 // The kubeconfig asked for insecure-skip-tls-verify explicitly; this is that switch.
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (config.CertificateAuthorities is { Count: > 0 } roots)
        {
            ssl.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            ssl.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }

        return new SocketsHttpHandler { SslOptions = ssl, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    }
}
