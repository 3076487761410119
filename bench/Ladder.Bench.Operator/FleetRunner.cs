using System.Net;
using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;
using Ladder.Kubernetes.Testing;
using Ladder.Operator.Runner;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ladder.Bench.Operator;

/// <summary>
/// One fake runner admin API on 127.0.0.1 for every stream (<c>/{namespace}/{stream}/v1/status</c>): it answers with
/// the pipeline generation stored in the stream's Secret (annotation <c>ladder.dev/pipeline-generation</c>, read from the
/// fake API server), Running with a healthy input, as a runner that started from that Secret does; with the runner's
/// ETag, 304 for a known tag and requests held for their <c>Prefer: wait</c> (<see cref="RunnerAdminApi.StatusPath"/>),
/// while its input's and rendition's measured bitrates move on every answer, as a real one's do.
/// </summary>
internal sealed class FleetRunner : IRunnerAddresses, IAsyncDisposable
{
    private readonly FakeApiServer _api;
    private WebApplication _app = null!;
    private Uri _address = null!;
    private long _statusCalls;

    private FleetRunner(FakeApiServer api) => _api = api;

    /// <summary>GET /v1/status calls answered so far.</summary>
    public long StatusCalls => Interlocked.Read(ref _statusCalls);

    public static async Task<FleetRunner> StartAsync(FakeApiServer api)
    {
        var runner = new FleetRunner(api);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        runner._app = builder.Build();
        runner._app.MapGet("/{ns}/{stream}" + RunnerAdminApi.StatusPath, (string ns, string stream, HttpContext context) => runner.StatusAsync(ns, stream, context));
        await runner._app.StartAsync().ConfigureAwait(false);
        runner._address = new Uri(runner._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return runner;
    }

    /// <inheritdoc />
    public Uri BaseAddress(LiveStream stream) => new(_address, $"{stream.Metadata.NamespaceProperty}/{stream.Metadata.Name}/");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task StatusAsync(string ns, string stream, HttpContext context)
    {
        Interlocked.Increment(ref _statusCalls);
        var known = context.Request.Headers.IfNoneMatch.ToString();
        if (RunnerAdminApi.ParseWaitPreference(context.Request.Headers["Prefer"]) is { } wait)
        {
            // Nothing changes a stream's pipeline generation once it is Ready here (no spec changes), so a held request
            // simply waits its time out, costing the in-process fake nothing while the operator is measured at rest. A
            // change it missed would leave a stream short of Ready and the bench would time out, not report.
            try
            {
                await Task.Delay(wait, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (StatusOf(ns, stream) is not { } status)
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

        await context.Response.WriteAsJsonAsync(status, RunnerJson.Options).ConfigureAwait(false);
    }

    private RunnerStatus? StatusOf(string ns, string stream)
    {
        var generation = _api.Get<k8s.Models.V1Secret>(ns, stream + "-pipeline")?["metadata"]?["annotations"]?["ladder.dev/pipeline-generation"]?.GetValue<string>();
        return generation is null
            ? null
            : new RunnerStatus
            {
                PipelineGeneration = long.Parse(generation, System.Globalization.CultureInfo.InvariantCulture),
                Phase = RunnerPhase.Running,
                ActiveInput = "main",
                Inputs = [new RunnerInputStatus { Name = "main", Healthy = true, Active = true, LastPacketTime = DateTimeOffset.UtcNow, Bitrate = Random.Shared.NextInt64(2_000_000, 3_000_000) }],
                Renditions = [new RunnerRenditionStatus { Name = "720p", Width = 1280, Height = 720, Bitrate = Random.Shared.NextInt64(2_600_000, 3_000_000), TargetBitrate = 2_800_000, Fps = 30, Published = true }],
                Endpoints = new RunnerEndpoints { Hls = "/hls/master.m3u8" },
            };
    }
}
