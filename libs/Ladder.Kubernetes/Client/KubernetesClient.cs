using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using V1ObjectMeta = k8s.Models.V1ObjectMeta;

namespace Ladder.Kubernetes;

/// <summary>
/// A connection to one API server described by KubernetesClient's <see cref="KubernetesClientConfiguration"/> (from a
/// kubeconfig with <c>BuildConfigFromConfigFile</c>, or in a pod with <c>InClusterConfig</c>): one
/// <see cref="HttpClient"/> whose handler trusts the configured CA (or skips verification), presents the client
/// certificate and adds the bearer token (the configuration's token provider re-reads a service account token as
/// it rotates). Hands out typed <see cref="IResourceClient{T}"/>s; thread-safe; dispose it once.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Connects with a handler built from <paramref name="config"/> (TLS, client certificate, token).</summary>
    /// <exception cref="UriFormatException"><see cref="KubernetesClientConfiguration.Host"/> is not an absolute URL.</exception>
    public KubernetesClient(KubernetesClientConfiguration config)
        : this(config, CreateTlsHandler(config))
    {
    }

    /// <summary>
    /// Connects through <paramref name="handler"/> (e.g. an in-memory test server's handler); the bearer token of
    /// <paramref name="config"/> is still added, TLS settings are the handler's business.
    /// </summary>
    /// <exception cref="UriFormatException"><see cref="KubernetesClientConfiguration.Host"/> is not an absolute URL.</exception>
    public KubernetesClient(KubernetesClientConfiguration config, HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        HttpMessageHandler pipeline = handler;
        if (config.TokenProvider is not null || config.AccessToken is not null)
        {
            pipeline = new BearerTokenHandler(config) { InnerHandler = handler };
        }

        _http = new HttpClient(pipeline) { BaseAddress = new Uri(config.Host), Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>The User-Agent of every request.</summary>
    public const string UserAgent = "ladder";

    /// <summary>
    /// The configuration this client was built from; its <see cref="KubernetesClientConfiguration.HttpClientTimeout"/>
    /// bounds every non-watch call.
    /// </summary>
    public KubernetesClientConfiguration Config { get; }

    /// <summary>The namespace of the configuration, or <c>default</c>.</summary>
    public string DefaultNamespace => Config.Namespace ?? "default";

    /// <summary>A typed client for <paramref name="resource"/>; cheap, create as many as needed.</summary>
    public IResourceClient<T> Resource<T>(ApiResource resource)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta> => new ResourceClient<T>(this, resource);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>Sends a non-watch request under <see cref="KubernetesClientConfiguration.HttpClientTimeout"/> and returns the 2xx body.</summary>
    internal async Task<byte[]> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Config.HttpClientTimeout);
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
                $"{request.Method} {request.RequestUri}: no complete answer within {Config.HttpClientTimeout.TotalSeconds:0.###} s; " +
                "the API server is slow or unreachable (raise KubernetesClientConfiguration.HttpClientTimeout if the call is expected to take longer).", e);
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

    private static SocketsHttpHandler CreateTlsHandler(KubernetesClientConfiguration config)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (config.ClientCertificateData is not null || config.ClientCertificateFilePath is not null)
        {
            ssl.ClientCertificates = [ClientCertificate(config)];
        }

        if (config.SkipTlsVerify)
        {
#pragma warning disable CA5359 // The kubeconfig asked for insecure-skip-tls-verify explicitly; this is that switch.
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (config.SslCaCerts is { Count: > 0 } roots)
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

    // The kubeconfig's client-certificate(-data) and client-key(-data): PEM, inline as base64 or in files.
    private static X509Certificate2 ClientCertificate(KubernetesClientConfiguration config)
    {
        static string Pem(string? base64, string? path, string what) =>
            base64 is not null ? Encoding.UTF8.GetString(Convert.FromBase64String(base64))
            : path is not null ? File.ReadAllText(path)
            : throw new FormatException($"the kubeconfig user has a client certificate but no {what}");

        return X509Certificate2.CreateFromPem(
            Pem(config.ClientCertificateData, config.ClientCertificateFilePath, "client-certificate"),
            Pem(config.ClientCertificateKeyData, config.ClientKeyFilePath, "client-key"));
    }
}
