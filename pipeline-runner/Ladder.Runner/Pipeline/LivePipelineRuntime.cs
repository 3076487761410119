using System.Diagnostics.Metrics;
using Ladder.Api.Pipeline;
using Ladder.Api.Runner;
using Ladder.LibAv;
using Ladder.Pipeline.Graph;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Push;
using Ladder.Pipeline.Reload;
using Ladder.Pipeline.Secrets;
using Ladder.Pipeline.Status;
using Ladder.Runner.Hosting;

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
    RunnerSettings settings, ILoggerFactory loggerFactory, IMeterFactory meterFactory, TimeProvider time) : IPipelineRuntime
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
        services.GetRequiredService<IMeterFactory>(),
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
    /// Live where the stages allow it: the pipeline applies rendition and input changes
    /// (<see cref="LivePipeline.ApplyAsync"/>), the packager its playlist and window changes
    /// (<see cref="LivePackager.UpdateSpec"/>: an added rendition joins the master playlist), the push outputs their targets
    /// (<see cref="PushOutputs.Apply"/>). Anything else (topology, audio, inputs added or removed, HLS or DASH switched
    /// on or off) drains and restarts the whole pipeline and packager with the new spec.
    /// </remarks>
    public async Task<ReloadPlan> ApplyAsync(PipelineSpec next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var pipeline = _pipeline ?? throw new InvalidOperationException("the pipeline has not started");
        _masker = _masker.With(SecretMasker.Of(next)); // before any stage opens with the new secrets
        var diff = PipelineDiff.Compute(pipeline.Spec, next);
        var packagerLive = !diff.HlsChanged && !diff.DashChanged
            || (diff.Previous.Outputs.Hls.Enabled == next.Outputs.Hls.Enabled && diff.Previous.Outputs.Dash.Enabled == next.Outputs.Dash.Enabled
                && diff.Previous.Outputs.Hls.Container == next.Outputs.Hls.Container);
        if (packagerLive)
        {
            try
            {
                var plan = await pipeline.ApplyAsync(next, cancellationToken).ConfigureAwait(false);
                _packager!.UpdateSpec(next);
                _push!.Apply(next.Outputs.Push);
                // The packager takes new HLS/DASH settings in place: report it kept, not restarted.
                var inPlace = plan.Restarted.Where(s => s is StageNames.Hls or StageNames.Dash).ToList();
                return plan with { Restarted = [.. plan.Restarted.Except(inPlace)], Kept = [.. plan.Kept, .. inPlace] };
            }
            catch (NotSupportedException)
            {
                // fall through: the change needs a full restart
            }
        }

        await StopAsync(cancellationToken).ConfigureAwait(false);
        StartWith(next);
        var before = StageNames.Of(diff.Previous);
        var after = StageNames.Of(next);
        return new ReloadPlan
        {
            PipelineGeneration = next.Generation,
            PreviousGeneration = diff.Previous.Generation,
            AppliedAt = time.GetUtcNow(),
            Started = [.. after.Except(before)],
            Stopped = [.. before.Except(after)],
            Restarted = [.. after.Intersect(before)],
        };
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
            new PackagerMetrics(meterFactory),
            loggerFactory.CreateLogger<LivePackager>());
        var push = new PushOutputs(spec.Stream.ToString(), spec.Outputs.Push, null, new PushMetrics(meterFactory), loggerFactory, time);
        try
        {
            _pipeline = LivePipeline.Start(spec, new FanOutSink(packager, push), timeline, loggerFactory, meterFactory);
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
