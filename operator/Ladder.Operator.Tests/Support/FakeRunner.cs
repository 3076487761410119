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
/// by moving the stream's generation, as a real runner's hot reload does. Status requests follow the contract of
/// <see cref="RunnerAdminApi.StatusPath"/>: an ETag from <see cref="RunnerStatusETag"/>, 304 for a matching
/// <c>If-None-Match</c>, held up to <c>Prefer: wait</c> seconds until the state changes.
/// </summary>
internal sealed class FakeRunner : IRunnerAddresses, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _activeInputs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _bitrates = new(StringComparer.Ordinal);
    private long _statusRequests;
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
        runner._app.MapGet("/{stream}" + RunnerAdminApi.StatusPath, (string stream, HttpContext context) => runner.StatusAsync(stream, context));
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

    /// <summary>Makes the stream's runner read <paramref name="input"/> (of the stream's <c>studio</c> and <c>backup</c>).</summary>
    public void SwitchInput(string stream, string input) => _activeInputs[stream] = input;

    /// <summary>Moves a measurement only: the bitrate the 720p rendition measures.</summary>
    public void Measure(string stream, long bitsPerSecond) => _bitrates[stream] = bitsPerSecond;

    /// <summary>GET /v1/status requests received so far, held or not.</summary>
    public long StatusRequests => Interlocked.Read(ref _statusRequests);

    public Uri BaseAddress(LiveStream stream) => new(_address, stream.Metadata.Name + "/");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task StatusAsync(string stream, HttpContext context)
    {
        Interlocked.Increment(ref _statusRequests);
        var known = context.Request.Headers.IfNoneMatch.ToString();
        if (RunnerAdminApi.ParseWaitPreference(context.Request.Headers["Prefer"]) is { } wait)
        {
            await RunnerStatusETag.HoldWhileUnchangedAsync(() => StatusOf(stream) is { } status ? RunnerStatusETag.Compute(status) : null, t => t == known, wait, TimeSpan.FromMilliseconds(50), context.RequestAborted);
        }

        if (StatusOf(stream) is not { } status)
        {
            context.Response.StatusCode = 503;
            return;
        }

        var tag = RunnerStatusETag.Compute(status);
        context.Response.Headers.ETag = tag;
        if (tag == known)
        {
            context.Response.StatusCode = 304;
            return;
        }

        await context.Response.WriteAsJsonAsync(status, RunnerJson.Options);
    }

    private RunnerStatus? StatusOf(string stream)
    {
        if (!_generations.TryGetValue(stream, out var generation))
        {
            return null;
        }

        var active = _activeInputs.GetValueOrDefault(stream, "studio");
        return new RunnerStatus
        {
            PipelineGeneration = generation,
            Phase = RunnerPhase.Running,
            ActiveInput = active,
            Inputs = [.. new[] { "studio", "backup" }.Select(i => new RunnerInputStatus { Name = i, Healthy = true, Active = i == active, LastPacketTime = DateTimeOffset.UtcNow })],
            Renditions = [new RunnerRenditionStatus { Name = "720p", Width = 1280, Height = 720, Bitrate = _bitrates.GetValueOrDefault(stream, 2_400_000), TargetBitrate = 2_500_000, Published = true }],
            Endpoints = new RunnerEndpoints { Hls = "/hls/master.m3u8" },
        };
    }
}
