using System.Text;
using Microsoft.AspNetCore.Http;

namespace Ladder.Kubernetes.Testing;

/// <summary>
/// Answers for <see cref="ApiReplayServer.Script"/> built from the Kubernetes API conventions, for scenarios no
/// fixture recorded: throttling, slow servers, broken watch streams.
/// </summary>
public static class ScriptedResponses
{
    /// <summary>A Failure <c>Status</c> with the given code and reason, and <c>Retry-After</c> (whole seconds) when given (e.g. 429 TooManyRequests).</summary>
    public static RequestDelegate Status(int code, string reason, string message, TimeSpan? retryAfter = null) => async context =>
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        if (retryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = ((int)delay.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var details = retryAfter is { } d ? $",\"details\":{{\"retryAfterSeconds\":{(int)d.TotalSeconds}}}" : "";
        await context.Response.WriteAsync(
            $"{{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{{}},\"status\":\"Failure\",\"message\":{System.Text.Json.JsonSerializer.Serialize(message)},\"reason\":\"{reason}\"{details},\"code\":{code}}}\n",
            context.RequestAborted).ConfigureAwait(false);
    };

    /// <summary>A non-Status body with the given code, as a proxy or load balancer would send.</summary>
    public static RequestDelegate Text(int code, string contentType, string body) => async context =>
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    };

    /// <summary>Waits <paramref name="delay"/> (or until the client leaves) before answering with <paramref name="then"/>.</summary>
    public static RequestDelegate Delayed(TimeSpan delay, RequestDelegate then) => async context =>
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await then(context).ConfigureAwait(false);
    };

    /// <summary>
    /// A watch (HTTP 200, chunked) that sends <paramref name="lines"/> (each completed with <c>\n</c> and flushed),
    /// then the first <paramref name="partialBytes"/> bytes of <paramref name="cutLine"/>, then ends the response
    /// cleanly (the terminating chunk is sent): the stream ends on a partial event line, as when a proxy ends a
    /// response mid-event. A connection that is killed outright is a different failure; see the client's tests.
    /// </summary>
    public static RequestDelegate WatchCutMidLine(IEnumerable<string> lines, string cutLine, int partialBytes) => async context =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        foreach (var line in lines)
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }

        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(cutLine).AsMemory(0, partialBytes), context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    };
}
