using System.Text.Json;
using System.Text.Json.Serialization;
using Ladder.Pipeline.Metrics;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Metrics;

public sealed class PipelineMetricsTests
{
    private static readonly JsonSerializerOptions s_json = new() { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public async Task StageCounters_Should_ReportItemsBytesQueuesAndEncodeLatency_And_StatusShouldSerialize()
    {
        using var clip = TestMedia.Cut(2);
        await using var run = PipelineRun.Start(Specs.Create(Specs.File(clip.Path), [Specs.Rendition("90p", 160, 90)]));
        run.WaitForEnd(tracks: 2, TimeSpan.FromSeconds(60));
        run.Meters.Collect();

        (string, string) Stage(string id) => ("stage", id);
        Assert.Equal(run.Sink.Packets("90p").Count, run.Meters.Values("ladder_pipeline_stage_items_total", Stage("encode/90p"))[^1]);
        Assert.Equal(run.Sink.Packets("90p").Sum(p => p.Size), run.Meters.Values("ladder_pipeline_stage_bytes_total", Stage("encode/90p"))[^1]);
        Assert.Equal(48, run.Meters.Values("ladder_pipeline_stage_items_total", Stage("decode/video"))[^1]);
        Assert.True(run.Meters.Values("ladder_pipeline_stage_bytes_total", Stage("ingest"))[^1] > 100_000, "the ingest stage counts the bytes it read");
        Assert.Equal(0, run.Meters.Values("ladder_pipeline_stage_dropped_total", Stage("encode/90p"))[^1]); // an unpaced file waits, never drops
        Assert.Equal(0, run.Meters.Values("ladder_pipeline_stage_queue_depth", Stage("audio"))[^1]);
        Assert.All(new[] { "ladder_pipeline_stage_fps", "ladder_pipeline_stage_bitrate", "ladder_pipeline_stage_speed" },
            name => Assert.Contains(run.Meters.Values(name, ("stream", "test/stream")), v => v >= 0));
        var latencies = run.Meters.Values("ladder_pipeline_encode_latency", ("rendition", "90p"));
        Assert.Equal(run.Sink.Packets("90p").Count, latencies.Count); // one per frame encoded
        Assert.All(latencies, l => Assert.InRange(l, 0, 5));

        var json = JsonSerializer.Serialize(run.Pipeline.GetStatus(), s_json);
        Assert.Contains("\"Id\":\"encode/90p\"", json, StringComparison.Ordinal);
        Assert.Contains("\"State\":\"Stopped\"", json, StringComparison.Ordinal);
        Assert.Equal("Ladder.Pipeline", PipelineMetrics.MeterName);
    }
}
