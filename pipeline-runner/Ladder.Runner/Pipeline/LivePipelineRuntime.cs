using Ladder.Api.Pipeline;
using Ladder.Api.Runner;
using Ladder.LibAv;
using Ladder.Pipeline.Graph;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Metrics;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Push;
using Ladder.Pipeline.Reload;
using Ladder.Pipeline.Secrets;
using Ladder.Pipeline.Status;
using Ladder.Runner.Hosting;
using Prometheus;

namespace Ladder.Runner.Pipeline;

/// <summary>
/// The real media side: a <see cref="LivePackager"/> (CMAF segments, HLS playlists, DASH MPD) fed by a
/// <see cref="LivePipeline"/> (ingest, decode, scale, encode), on a <see cref="MediaTimeline"/> whose origin is the
/// wall clock when the pipeline starts, and the <see cref="PushOutputs"/> (RTMP(S)/SRT push targets) beside the packager
/// behind a <see cref="FanOutSink"/>. FFmpeg's own log goes to the <c>FFmpeg</c> logger at warning and above, libsrt's
/// to the <c>SRT</c> logger, every line masked by a <see cref="SecretMasker"/> that knows each secret of every spec this
/// runtime has run.
/// </summary>
internal sealed class LivePipelineRuntime(
    RunnerSettings settings, ILoggerFactory loggerFactory, CollectorRegistry metrics, TimeProvider time) : IPipelineRuntime
{
    private volatile LivePackager? _packager;
    private volatile LivePipeline? _pipeline;
    private volatile PushOutputs? _push;
    private volatile SecretMasker _masker = SecretMasker.None;

    /// <inheritdoc />
    public IOriginContent? Origin => _packager;

    /// <summary>The push outputs (their <see cref="PushOutputs.Apply"/> changes targets at run time); null before <see cref="Start"/>.</summary>
    public PushOutputs? Push => _push;

    /// <summary>Creates the runtime from the host's services.</summary>
    /// <param name="services">The host's services.</param>
    public static IPipelineRuntime Create(IServiceProvider services) => new LivePipelineRuntime(
        services.GetRequiredService<RunnerSettings>(),
        services.GetRequiredService<ILoggerFactory>(),
        services.GetRequiredService<CollectorRegistry>(),
        services.GetRequiredService<TimeProvider>());

    /// <inheritdoc />
    /// <exception cref="LibAvVersionException">FFmpeg 5.1's libraries are missing or of another version.</exception>
    public void Start()
    {
        LibAv.LibAv.EnsureLoaded();
        _masker = SecretMasker.Of(settings.Spec);
        LibAvLog.Attach(loggerFactory.CreateLogger("FFmpeg"), LogLevel.Warning, text => _masker.Mask(text));
        SrtLog.Attach(loggerFactory.CreateLogger("SRT"), text => _masker.Mask(text));
        StartWith(settings.Spec);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Everything live: <see cref="ReloadPlanner"/> plans once, and each part carries out its share of that plan, the
    /// pipeline its stages (<see cref="LivePipeline.ApplyAsync"/>), the packager its playlists and manifest
    /// (<see cref="LivePackager.UpdateSpec"/>), the push outputs their targets (<see cref="PushOutputs.Apply"/>). The
    /// origin, the output timeline and the sequence numbers outlive every reload.
    /// </remarks>
    /// <exception cref="ArgumentException">The change is refused (<see cref="ReloadPlanner.Refusals"/>); nothing was applied.</exception>
    public async Task<ReloadPlan> ApplyAsync(PipelineSpec next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var pipeline = _pipeline ?? throw new InvalidOperationException("the pipeline has not started");
        _masker = _masker.With(SecretMasker.Of(next)); // before any stage opens with the new secrets
        var plan = ReloadPlanner.Plan(pipeline.Spec, next);
        await pipeline.ApplyAsync(plan, next, cancellationToken).ConfigureAwait(false);
        if (plan.Started.Concat(plan.Stopped).Concat(plan.Updated).Any(s => s is StageNames.Hls or StageNames.Dash))
        {
            _packager!.UpdateSpec(next);
        }

        var push = StageNames.Push("");
        if (plan.Started.Concat(plan.Stopped).Concat(plan.Restarted).Any(s => s.StartsWith(push, StringComparison.Ordinal)))
        {
            _push!.Apply(next.Outputs.Push, plan.Restarted.Where(s => s.StartsWith(push, StringComparison.Ordinal)).Select(s => s[push.Length..]).ToHashSet(StringComparer.Ordinal));
        }

        return plan with { AppliedAt = time.GetUtcNow() };
    }

    /// <inheritdoc />
    public bool ActivateInput(string name) => _pipeline?.ActivateInput(name) ?? false;

    private void StartWith(PipelineSpec spec)
    {
        var timeline = new MediaTimeline(time.GetUtcNow());
        var packager = new LivePackager(
            spec,
            timeline,
            new LivePackagerOptions { DiskOutput = settings.OutputDirectory },
            new PackagerMetrics(metrics),
            loggerFactory.CreateLogger<LivePackager>());
        var push = new PushOutputs(spec.Stream.ToString(), spec.Outputs.Push, null, new PushMetrics(metrics), loggerFactory, time);
        try
        {
            _pipeline = LivePipeline.Start(spec, new FanOutSink(packager, push), timeline, loggerFactory, new PipelineMetrics(metrics));
        }
        catch
        {
            push.Dispose();
            packager.Dispose();
            throw;
        }
        _push = push;
        _packager = packager;
    }

    /// <inheritdoc />
    public PipelineStatus? GetPipelineStatus() => _pipeline?.GetStatus();

    /// <inheritdoc />
    public PackagerStatus? GetPackagerStatus() => _packager?.GetStatus();

    /// <inheritdoc />
    public IReadOnlyList<PushDestinationStatus> GetPushStatus() => _push?.GetStatus() ?? [];

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_pipeline is { } pipeline)
        {
            try
            {
                await pipeline.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await pipeline.DisposeAsync().ConfigureAwait(false);
            }
        }
        // The pipeline removed its tracks while draining: the packager publishes their last segments and closes.
        _push?.Dispose();
        _packager?.Dispose();
    }
}
