using System.Text.Json;
using Ladder.Api.Meta;
using Ladder.Api.Runner;
using Ladder.Runner.Pipeline;
using Ladder.Runner.Status;

namespace Ladder.Runner.Admin;

/// <summary>
/// The admin API's write routes (<see cref="RunnerAdminApi"/>): <c>PUT /v1/pipeline</c> (200 <see cref="ReloadPlan"/>,
/// 409 lower generation, 422 invalid spec) and <c>POST /v1/inputs/{name}/activate</c> (200 status, 404 unknown input),
/// and the bearer-token check every <c>/v1/</c> route passes when a token is configured (401 otherwise). Without a
/// token the write routes answer 403 and say how to enable them.
/// </summary>
internal static class AdminEndpoints
{
    /// <summary>Adds the token check in front of every <c>/v1/</c> route.</summary>
    /// <param name="app">The application.</param>
    public static void UseAdminAuthentication(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var token = context.RequestServices.GetRequiredService<AdminToken>();
            if (token.Enabled && context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal)
                && !token.Accepts(context.Request.Headers.Authorization.ToString()))
            {
                await WriteStatusAsync(context, PipelineReloader.Failure(401, StatusReasons.Unauthorized, $"missing or wrong '{RunnerAdminApi.AuthorizationHeader}: {RunnerAdminApi.AuthorizationScheme} <token>' ({RunnerAdminApi.TokenEnvironmentVariable})")).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });

    /// <summary>Maps the write routes.</summary>
    /// <param name="endpoints">The application.</param>
    public static void MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut(RunnerAdminApi.PipelinePath, async (HttpContext context, AdminToken token, PipelineReloader reloader, CancellationToken cancellationToken) =>
        {
            if (!token.Enabled)
            {
                await WriteStatusAsync(context, Disabled()).ConfigureAwait(false);
                return;
            }

            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            var outcome = await reloader.ApplyJsonAsync(body, cancellationToken).ConfigureAwait(false);
            if (outcome.Plan is { } plan)
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(plan, RunnerJson.Options), cancellationToken).ConfigureAwait(false);
                return;
            }

            await WriteStatusAsync(context, outcome.Error!).ConfigureAwait(false);
        });
        endpoints.MapPost(RunnerAdminApi.ActivateInputPathTemplate, async (HttpContext context, string name, AdminToken token, IPipelineRuntime runtime, RunnerStatusJson status) =>
        {
            if (!token.Enabled)
            {
                await WriteStatusAsync(context, Disabled()).ConfigureAwait(false);
                return;
            }

            if (!runtime.ActivateInput(name))
            {
                await WriteStatusAsync(context, PipelineReloader.Failure(404, StatusReasons.NotFound, $"the pipeline has no input named '{name}'")).ConfigureAwait(false);
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(status.Build().Body.ToJsonString()).ConfigureAwait(false);
        });
    }

    private static Ladder.Api.Meta.Status Disabled() =>
        PipelineReloader.Failure(403, StatusReasons.Forbidden, $"the admin API is disabled: set {RunnerAdminApi.TokenEnvironmentVariable} (or --admin-token when running standalone)");

    private static async Task WriteStatusAsync(HttpContext context, Ladder.Api.Meta.Status status)
    {
        context.Response.StatusCode = status.Code ?? 500;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(status, WireJson.Options)).ConfigureAwait(false);
    }
}
