using System.Diagnostics;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Graph;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Metrics;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Reload;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ladder.Bench.Failover;

/// <summary>
/// Reload figures: a pipeline and packager on a file looped in real time; each trial applies one change as
/// <c>PUT /v1/pipeline</c> does after validation (<see cref="ReloadPlanner.Plan(PipelineSpec, PipelineSpec)"/>, then
/// <see cref="LivePipeline.ApplyAsync"/>), either one rendition's bitrate (<c>r180</c> restarts) or the audio bitrate
/// (<c>audio</c> restarts). Per trial: the time (ms) from the call to the first segment of the restarted track
/// published by the packager (it includes waiting for the next segment boundary, at least 0.5 s ahead, and the 2 s
/// segment itself), and the longest time between two published segments of the untouched rendition <c>r90</c> from
/// the call until one segment after that (a steady 2 s when nothing stalls).
/// </summary>
internal static class ReloadBench
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>What a trial changes.</summary>
    public enum Change
    {
        /// <summary><c>r180</c>'s bitrate.</summary>
        Rendition,

        /// <summary>The audio bitrate.</summary>
        Audio,
    }

    /// <summary>Runs <paramref name="trials"/> reloads of <paramref name="change"/> on <paramref name="clip"/>.</summary>
    /// <returns>Per trial, the latency to the first new segment and the longest gap between <c>r90</c> segments, in ms.</returns>
    public static IReadOnlyList<(double LatencyMs, double GapMs)> Run(string clip, int trials, Change change)
    {
        var input = new PipelineInput("file", InputProtocol.File, InputMode.Pull, clip, new ValueMap([KeyValuePair.Create("stream_loop", "-1")]));
        var spec = BenchSpecs.Create([input], 1, 5);
        var timeline = new MediaTimeline(DateTimeOffset.UtcNow);
        using var packager = new LivePackager(spec, timeline);
        var published = new List<(string Track, int Version, long At)>();
        packager.SegmentPublished += (_, e) =>
        {
            lock (published)
            {
                published.Add((e.TrackId, e.Segment.Version, Stopwatch.GetTimestamp()));
            }
        };
        List<(string Track, int Version, long At)> Published()
        {
            lock (published)
            {
                return [.. published];
            }
        }

        var track = change == Change.Rendition ? "r180" : "audio";
        var pipeline = LivePipeline.Start(spec, packager, timeline, NullLoggerFactory.Instance, new PipelineMetrics(Prometheus.Metrics.NewCustomRegistry()));
        try
        {
            Wait.For(() => Published().Any(p => p.Track == "r90") && Published().Any(p => p.Track == track), Timeout, "first segments");
            var figures = new List<(double, double)>();
            for (var i = 1; i <= trials; i++)
            {
                var next = spec with { Generation = spec.Generation + 1 };
                next = change == Change.Rendition
                    ? next with { Video = spec.Video with { Renditions = spec.Video.Renditions.Select(r => r.Name == "r180" ? r with { Bitrate = 300_000 + (i * 10_000) } : r).ToValueList() } }
                    : next with { Audio = spec.Audio with { Bitrate = 64_000 + (i * 8_000) } };
                var start = Stopwatch.GetTimestamp();
                pipeline.ApplyAsync(ReloadPlanner.Plan(spec, next), next).GetAwaiter().GetResult();
                Wait.For(() => Published().Any(p => p.Track == track && p.Version == i + 1), Timeout, $"a segment of {track} version {i + 1}");
                var first = Published().First(p => p.Track == track && p.Version == i + 1).At;
                Wait.For(() => Published().Any(p => p.Track == "r90" && p.At > first), Timeout, "an r90 segment after the new one");
                var untouched = Published().Where(p => p.Track == "r90").Select(p => p.At).ToList();
                var window = untouched.Where(t => t >= start).Prepend(untouched.Last(t => t < start)).TakeWhile(t => t <= untouched.First(u => u > first)).ToList();
                var gap = window.Zip(window.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalMilliseconds).Max();
                figures.Add((Stopwatch.GetElapsedTime(start, first).TotalMilliseconds, gap));
                spec = next;
                Thread.Sleep(Random.Shared.Next(500, 2500)); // reload at another point of the segment
            }

            return figures;
        }
        finally
        {
            pipeline.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
