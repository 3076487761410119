using System.Net.Http.Headers;
using k8s;

namespace Ladder.Kubernetes;

/// <summary>
/// Adds <c>Authorization: Bearer</c> to each request that has none: from the configuration's token provider (a
/// service account token file, re-read as the kubelet rotates it; an exec plugin) when it has one, else its access token.
/// </summary>
internal sealed class BearerTokenHandler(KubernetesClientConfiguration config) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= config.TokenProvider is { } provider
            ? await provider.GetAuthenticationHeaderAsync(cancellationToken).ConfigureAwait(false)
            : new AuthenticationHeaderValue("Bearer", config.AccessToken);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
