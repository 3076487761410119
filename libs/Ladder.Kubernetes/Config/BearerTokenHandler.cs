using System.Net.Http.Headers;

namespace Ladder.Kubernetes;

/// <summary>Adds <c>Authorization: Bearer</c> from the static token or, re-read as it rotates, the token file.</summary>
internal sealed class BearerTokenHandler : DelegatingHandler
{
    private readonly TokenFileSource? _file;
    private readonly string? _token;

    public BearerTokenHandler(KubernetesClientConfig config, TimeProvider time)
    {
        _file = config.TokenFile is null ? null : new TokenFileSource(config.TokenFile, time);
        _token = config.BearerToken;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", _file?.GetToken() ?? _token);
        return base.SendAsync(request, cancellationToken);
    }
}
