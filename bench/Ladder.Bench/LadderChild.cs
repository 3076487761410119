using System.Text.Json;
using Ladder.Api.Pipeline;
using Ladder.LibAv;
using Ladder.Pipeline.Graph;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Metrics;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Stages;
using Microsoft.Extensions.Logging;

namespace Ladder.Bench;

/// <summary>
/// <c>ladder-bench --ladder-child &lt;pipeline.json&gt; &lt;output-dir&gt;</c>: the Ladder side, in its own process so that
/// its CPU time and peak RSS are accounted exactly as the ffmpeg CLI's are. It runs what <c>ladder-runner run</c> runs
/// for a stream, a <see cref="LivePipeline"/> feeding a <see cref="LivePackager"/> that keeps the spec's window in
/// memory (a runner's origin, without a disk output, as <c>ladder-runner run</c> starts without <c>--output</c>),
/// without the runner's HTTP server (which serves nothing during the benchmark), and ends when the pipeline ends by
/// itself at the end of the unpaced input (<see cref="LivePipeline.Completion"/>; an input that cannot be read ends it
/// with exit code 1), after which the packager publishes the last segments. Every published segment is also written
/// to the output directory as it comes (<see cref="SegmentArchive"/>), so the bench counts every frame, not only the
/// window's. Exits 0 when every stage stopped cleanly and no packet was dropped.
/// </summary>
internal static class LadderChild
{
    /// <summary>Runs the child; returns its exit code.</summary>
    /// <param name="specPath">The <see cref="PipelineSpec"/> JSON written by the bench.</param>
    /// <param name="outputDirectory">Where every published segment goes, and at the end the playlists and init segments (<see cref="SegmentArchive"/>).</param>
    public static async Task<int> RunAsync(string specPath, string outputDirectory)
    {
        Ladder.LibAv.LibAv.EnsureLoaded();
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        LibAvLog.Attach(loggerFactory.CreateLogger("FFmpeg"), LogLevel.Warning);
        var spec = PipelineSpec.FromJson(await File.ReadAllTextAsync(specPath).ConfigureAwait(false));
        var metrics = Prometheus.Metrics.NewCustomRegistry(); // nobody scrapes it, as in a runner nobody scrapes
        var timeline = new MediaTimeline(DateTimeOffset.UtcNow);
        var packager = new LivePackager(spec, timeline, new LivePackagerOptions(), new PackagerMetrics(metrics), loggerFactory.CreateLogger<LivePackager>());
        var archive = new SegmentArchive(outputDirectory);
        packager.SegmentPublished += archive.OnPublished;
        int exitCode;
        try
        {
            var pipeline = LivePipeline.Start(spec, packager, timeline, loggerFactory, new PipelineMetrics(metrics));
            await using (pipeline.ConfigureAwait(false))
            {
                // A file that cannot be read makes the ingest retry forever (as a runner should); the bench gives up instead.
                while (!pipeline.Completion.IsCompleted)
                {
                    await Task.WhenAny(pipeline.Completion, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
                    if (pipeline.GetStatus().Stages.FirstOrDefault(s => s.Id == "ingest") is { State: StageState.Reconnecting } ingest)
                    {
                        await Console.Error.WriteLineAsync($"ladder-child: the input cannot be read: {ingest.Error}").ConfigureAwait(false);
                        return 1;
                    }
                }
                var failed = pipeline.GetStatus().Stages.Where(s => s.State != StageState.Stopped || s.Counters.Dropped > 0).ToList();
                foreach (var stage in failed)
                {
                    await Console.Error.WriteLineAsync($"ladder-child: stage {stage.Id} {stage.State} dropped={stage.Counters.Dropped}: {stage.Error ?? stage.Detail}").ConfigureAwait(false);
                }

                exitCode = failed.Count == 0 ? 0 : 1;
            }
        }
        finally
        {
            packager.Dispose(); // publishes the tracks' last segments
        }

        archive.Complete(packager);

        var status = packager.GetStatus();
        if (status.Tracks.Any(t => t.DroppedPackets > 0))
        {
            await Console.Error.WriteLineAsync("ladder-child: the packager dropped work: " + JsonSerializer.Serialize(status)).ConfigureAwait(false);
            exitCode = 1;
        }

        return exitCode;
    }
}
