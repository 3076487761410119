using Microsoft.AspNetCore.Http;

namespace Ladder.Kubernetes.Testing;

/// <summary>
/// Answers for <see cref="ApiReplayServer.Script"/> built from the Kubernetes API conventions, for scenarios no
/// fixture recorded, such as a proxy's answer that is not a Status.
/// </summary>
public static class ScriptedResponses
{
    /// <summary>A non-Status body with the given code, as a proxy or load balancer would send.</summary>
    public static RequestDelegate Text(int code, string contentType, string body) => async context =>
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    };
}
