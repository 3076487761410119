using System.Diagnostics.Metrics;
using Ladder.Api.Pipeline;
using Ladder.LibAv;
using Ladder.Pipeline.Graph;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Status;
using Ladder.Runner.Hosting;

namespace Ladder.Runner.Pipeline;

/// <summary>
/// The real media side: a <see cref="LivePackager"/> (CMAF segments, HLS playlists, DASH MPD) fed by a
/// <see cref="LivePipeline"/> (ingest, decode, scale, encode), on a <see cref="MediaTimeline"/> whose origin is the
/// wall clock when the pipeline starts. FFmpeg's own log goes to the <c>FFmpeg</c> logger at warning and above.
/// </summary>
internal sealed class LivePipelineRuntime(
    RunnerSettings settings, ILoggerFactory loggerFactory, IMeterFactory meterFactory, TimeProvider time) : IPipelineRuntime
{
    private volatile LivePackager? _packager;
    private volatile LivePipeline? _pipeline;

    /// <inheritdoc />
    public IOriginContent? Origin => _packager;

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
        LibAvLog.Attach(loggerFactory.CreateLogger("FFmpeg"), LogLevel.Warning);
        PipelineSpec spec = settings.Spec;
        var timeline = new MediaTimeline(time.GetUtcNow());
        var packager = new LivePackager(
            spec,
            timeline,
            new LivePackagerOptions { DiskOutput = settings.OutputDirectory },
            new PackagerMetrics(meterFactory),
            loggerFactory.CreateLogger<LivePackager>());
        try
        {
            _pipeline = LivePipeline.Start(spec, packager, timeline, loggerFactory, meterFactory);
        }
        catch
        {
            packager.Dispose();
            throw;
        }
        _packager = packager;
    }

    /// <inheritdoc />
    public PipelineStatus? GetPipelineStatus() => _pipeline?.GetStatus();

    /// <inheritdoc />
    public PackagerStatus? GetPackagerStatus() => _packager?.GetStatus();

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
        _packager?.Dispose();
    }
}
