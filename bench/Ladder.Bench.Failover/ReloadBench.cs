using System.Diagnostics;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Graph;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Packaging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ladder.Bench.Failover;

/// <summary>
/// Reload apply latency: a pipeline and packager on a file looped in real time; each trial changes one rendition's
/// bitrate (what <c>PUT /v1/pipeline</c> does after validation: <see cref="LivePipeline.ApplyAsync"/>, then
/// <see cref="LivePackager.UpdateSpec"/>). The figure is the time (ms) from the call to the first segment of the new
/// encoder published by the packager; it includes waiting for the next segment boundary (at least 0.5 s ahead) and
/// the 2 s segment itself.
/// </summary>
internal static class ReloadBench
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="trials"/> bitrate reloads on <paramref name="clip"/>; returns each latency in ms.</summary>
    public static IReadOnlyList<double> Run(string clip, int trials)
    {
        var input = new PipelineInput("file", InputProtocol.File, InputMode.Pull, clip, new ValueMap([KeyValuePair.Create("stream_loop", "-1")]));
        var spec = BenchSpecs.Create([input], 1, 5);
        var timeline = new MediaTimeline(DateTimeOffset.UtcNow);
        using var meters = new BenchMeterFactory();
        using var packager = new LivePackager(spec, timeline);
        var published = new List<(string Track, int Version)>();
        packager.SegmentPublished += (_, e) =>
        {
            lock (published)
            {
                published.Add((e.TrackId, e.Segment.Version));
            }
        };
        bool Has(string track, int version)
        {
            lock (published)
            {
                return published.Any(p => p.Track == track && p.Version >= version);
            }
        }

        var pipeline = LivePipeline.Start(spec, packager, timeline, NullLoggerFactory.Instance, meters);
        try
        {
            Wait.For(() => Has("r90", 1) && Has("r180", 1), Timeout, "first segments");
            var latencies = new List<double>();
            for (var i = 1; i <= trials; i++)
            {
                var next = spec with
                {
                    Generation = spec.Generation + 1,
                    Video = spec.Video with { Renditions = spec.Video.Renditions.Select(r => r.Name == "r180" ? r with { Bitrate = 300_000 + (i * 10_000) } : r).ToValueList() },
                };
                var clock = Stopwatch.StartNew();
                pipeline.ApplyAsync(next).GetAwaiter().GetResult();
                packager.UpdateSpec(next);
                Wait.For(() => Has("r180", i + 1), Timeout, $"a segment of r180 version {i + 1}");
                latencies.Add(clock.Elapsed.TotalMilliseconds);
                spec = next;
                Thread.Sleep(Random.Shared.Next(500, 2500)); // reload at another point of the segment
            }

            return latencies;
        }
        finally
        {
            pipeline.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
