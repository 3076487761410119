using Ladder.Api.Pipeline;
using Ladder.Runner.Cli;
using Ladder.Runner.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Ladder.Runner.Tests.Support;

/// <summary>The runner's web application on Kestrel at 127.0.0.1 with a free port, over a <see cref="FakePipelineRuntime"/>.</summary>
internal sealed class InProcessRunner : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessRunner(WebApplication app, FakePipelineRuntime runtime, HttpClient http)
    {
        _app = app;
        Runtime = runtime;
        Http = http;
    }

    public FakePipelineRuntime Runtime { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The demo sample's spec.</summary>
    public static PipelineSpec DemoSpec => PipelineSpecLoader.FromManifest(RepoPaths.DemoManifest, null);

    public static async Task<InProcessRunner> StartAsync(PipelineSpec? spec = null, Exception? startError = null, string? adminToken = null)
    {
        FakePipelineRuntime? runtime = null;
        var app = RunnerApp.Build(
            new RunnerSettings(spec ?? DemoSpec, new Uri("http://127.0.0.1:0"), null, adminToken),
            services => runtime = new FakePipelineRuntime(services.GetRequiredService<CollectorRegistry>(), startError) { Initial = services.GetRequiredService<RunnerSettings>().Spec },
            builder => builder.Logging.ClearProviders());
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(10) };
        return new InProcessRunner(app, runtime!, http);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
