using System.Text.Json;
using System.Text.Json.Serialization;
using Ladder.Runner.Admin;
using Ladder.Runner.Origin;
using Ladder.Runner.Pipeline;
using Ladder.Runner.Player;
using Ladder.Runner.Status;
using Prometheus;

namespace Ladder.Runner.Hosting;

/// <summary>
/// Builds the runner's web application: Kestrel with the HLS/DASH origin, <c>/v1/status</c>, <c>/healthz</c>,
/// <c>/readyz</c>, <c>/metrics</c> and the player page, with the pipeline as a hosted service that starts after Kestrel
/// listens and stops (drains) before Kestrel stops. <c>/metrics</c> serves this runner's own prometheus-net
/// <see cref="CollectorRegistry"/> (a service, so that two runners in one process keep their series apart): the
/// pipeline's, packager's and push outputs' families, prometheus-net's process and .NET runtime families
/// (<c>process_*</c>, <c>dotnet_*</c>) and its HTTP server families on every request
/// (<c>http_requests_received_total</c>, <c>http_request_duration_seconds</c>, <c>http_requests_in_progress</c>, labelled
/// with the route pattern as <c>endpoint</c>, e.g. <c>/hls/{**path}</c>).
/// </summary>
internal static class RunnerApp
{
    /// <summary>
    /// How long shutdown may take: the pipeline's drain, then Kestrel's open requests. Past it every stage is cancelled
    /// (blocked libav calls included, through their interrupt callbacks), so SIGTERM ends the runner within 5 s.
    /// </summary>
    public static TimeSpan ShutdownTimeout { get; } = TimeSpan.FromSeconds(4);

    /// <summary>Builds the application.</summary>
    /// <param name="settings">The spec and the listen address.</param>
    /// <param name="createRuntime">Creates the media side from the service provider (tests pass a fake).</param>
    /// <param name="configureBuilder">Optional last changes to the builder, e.g. logging in tests.</param>
    public static WebApplication Build(
        RunnerSettings settings, Func<IServiceProvider, IPipelineRuntime> createRuntime, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.WebHost.UseUrls(settings.Http.GetLeftPart(UriPartial.Authority));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        // One line per segment request would drown the pipeline's own log.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.WriteIndented = true;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        var metrics = Prometheus.Metrics.NewCustomRegistry();
        DotNetStats.Register(metrics);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Spec);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RunnerLifecycle>();
        builder.Services.AddSingleton(createRuntime);
        builder.Services.AddSingleton<RunnerStatusBuilder>();
        builder.Services.AddSingleton<RunnerStatusJson>();
        builder.Services.AddSingleton(new CurrentSpec(settings.Spec));
        builder.Services.AddSingleton(new AdminToken(settings.AdminToken));
        builder.Services.AddSingleton<PipelineReloader>();
        builder.Services.AddHostedService<PipelineHostedService>();
        builder.Services.AddHostedService<SpecFileWatcher>();
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        app.UseHttpMetrics(o => o.SetMetricFactory(Prometheus.Metrics.WithCustomRegistry(metrics)));
        app.MapPlayer();
        app.MapOrigin();
        app.UseAdminAuthentication();
        app.MapStatus();
        app.MapAdmin();
        app.MapMetrics("/metrics", metrics);
        return app;
    }
}
