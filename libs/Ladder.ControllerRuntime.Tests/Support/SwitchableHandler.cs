namespace Ladder.ControllerRuntime.Tests.Support;

/// <summary>Passes requests to the real handler until <see cref="Unreachable"/> is set; then fails them as a refused connection would.</summary>
internal sealed class SwitchableHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public volatile bool Unreachable;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Unreachable
            ? Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused (simulated: the API server is unreachable)"))
            : base.SendAsync(request, cancellationToken);
}
