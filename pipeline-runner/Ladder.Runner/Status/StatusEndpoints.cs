using Ladder.Runner.Admin;
using Ladder.Runner.Pipeline;

namespace Ladder.Runner.Status;

/// <summary>
/// The admin surface: <c>GET /v1/status</c> (JSON, <see cref="RunnerStatusJson"/>; conditional and long-polled, see
/// <see cref="ConditionalStatusRequest"/>), <c>GET /healthz</c> (200 while the
/// process serves HTTP) and <c>GET /readyz</c> (200 once the first segment of every rendition is published, 503
/// before that and while shutting down: Kubernetes probes read these).
/// </summary>
internal static class StatusEndpoints
{
    /// <summary>Maps the admin routes.</summary>
    /// <param name="endpoints">The application.</param>
    public static void MapStatus(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/status", (HttpContext context, RunnerStatusJson status, IHostApplicationLifetime lifetime) => ConditionalStatusRequest.AnswerAsync(context, status, lifetime));
        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));
        endpoints.MapGet("/readyz", (CurrentSpec current, RunnerLifecycle lifecycle, IPipelineRuntime runtime, IHostApplicationLifetime lifetime) =>
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested || lifecycle.State != RunnerState.Running)
            {
                return Results.Text($"not ready: the pipeline is {lifecycle.State.ToString().ToLowerInvariant()}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            var spec = current.Spec;
            var waiting = spec.Video.Renditions.Where(r => !PublishingReadiness.IsPublished(spec, runtime.Origin, r.Name)).Select(r => r.Name).ToList();
            return waiting.Count == 0
                ? Results.Text("ready\n")
                : Results.Text($"not ready: no segment published yet for {string.Join(", ", waiting)}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
