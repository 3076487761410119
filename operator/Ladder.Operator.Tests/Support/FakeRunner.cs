using System.Collections.Concurrent;
using System.Net;
using Ladder.Api.Pipeline;
using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;
using Ladder.Operator.Runner;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ladder.Operator.Tests.Support;

/// <summary>
/// A fake runner admin API on 127.0.0.1 serving every stream under <c>/{stream}/</c>: records PUTs (spec and bearer
/// token), answers <c>/v1/status</c> with the generation the test set (503 until <see cref="Start"/>), and applies PUTs
/// by moving the stream's generation, as a real runner's hot reload does.
/// </summary>
internal sealed class FakeRunner : IRunnerAddresses, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private WebApplication _app = null!;
    private Uri _address = null!;

    public ConcurrentQueue<(PipelineSpec Spec, string? Authorization)> Puts { get; } = new();

    public static async Task<FakeRunner> StartAsync()
    {
        var runner = new FakeRunner();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        runner._app = builder.Build();
        runner._app.MapGet("/{stream}" + RunnerAdminApi.StatusPath, (string stream) => runner.Status(stream));
        runner._app.MapPut("/{stream}" + RunnerAdminApi.PipelinePath, async (string stream, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var spec = PipelineSpec.FromJson(await reader.ReadToEndAsync());
            runner.Puts.Enqueue((spec, request.Headers.Authorization.ToString()));
            var previous = runner._generations.GetValueOrDefault(stream);
            runner._generations[stream] = spec.Generation;
            return Results.Json(new ReloadPlan { PipelineGeneration = spec.Generation, PreviousGeneration = previous, Restarted = ["encode/720p"] }, RunnerJson.Options);
        });
        await runner._app.StartAsync();
        var address = runner._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        runner._address = new Uri(address + "/");
        return runner;
    }

    /// <summary>Makes the stream's runner answer, executing <paramref name="generation"/>.</summary>
    public void Start(string stream, long generation) => _generations[stream] = generation;

    public long Generation(string stream) => _generations.GetValueOrDefault(stream, -1);

    public Uri BaseAddress(LiveStream stream) => new(_address, stream.Metadata.Name + "/");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Status(string stream) => _generations.TryGetValue(stream, out var generation)
        ? Results.Json(new RunnerStatus
        {
            PipelineGeneration = generation,
            Phase = RunnerPhase.Running,
            ActiveInput = "studio",
            Inputs = [new RunnerInputStatus { Name = "studio", Healthy = true, Active = true }],
            Endpoints = new RunnerEndpoints { Hls = "/hls/master.m3u8" },
        }, RunnerJson.Options)
        : Results.StatusCode(503);
}
