using System.Text.Json;
using System.Text.Json.Serialization;
using Ladder.Pipeline.Tests.Support;
using Ladder.TestSupport;

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
        var scrape = await PrometheusSamples.ScrapeAsync(run.Metrics);

        (string, string) Stage(string id) => ("stage", id);
        Assert.Equal(run.Sink.Packets("90p").Count, scrape.Value("ladder_pipeline_stage_items_total", Stage("encode/90p"), ("kind", "encode"), ("stream", "test/stream")));
        Assert.Equal(run.Sink.Packets("90p").Sum(p => p.Size), scrape.Value("ladder_pipeline_stage_bytes_total", Stage("encode/90p")));
        Assert.Equal(48, scrape.Value("ladder_pipeline_stage_items_total", Stage("decode/video")));
        Assert.True(scrape.Value("ladder_pipeline_stage_bytes_total", Stage("ingest")) > 100_000, "the ingest stage counts the bytes it read");
        Assert.Equal(0, scrape.Value("ladder_pipeline_stage_dropped_total", Stage("encode/90p"))); // an unpaced file waits, never drops
        Assert.Equal(0, scrape.Value("ladder_pipeline_stage_queue_depth", Stage("audio")));
        Assert.All(new[] { "ladder_pipeline_stage_fps", "ladder_pipeline_stage_bitrate_bit_per_second", "ladder_pipeline_stage_speed", "ladder_pipeline_stage_up" },
            name => Assert.Contains(scrape.Of(name, ("stream", "test/stream")), s => s.Value >= 0));
        var frames = run.Sink.Packets("90p").Count;
        Assert.Equal(frames, scrape.Value("ladder_pipeline_encode_latency_seconds_count", ("rendition", "90p"))); // one per frame encoded
        Assert.InRange(scrape.Value("ladder_pipeline_encode_latency_seconds_sum", ("rendition", "90p")), 0, 5.0 * frames);
        Assert.Equal("histogram", scrape.Types["ladder_pipeline_encode_latency_seconds"]);
        Assert.Equal(0, scrape.Sum("ladder_pipeline_input_switches_total")); // every reason exported, at zero
        Assert.Equal(4, scrape.Of("ladder_pipeline_input_switches_total", ("stream", "test/stream")).Count());

        var json = JsonSerializer.Serialize(run.Pipeline.GetStatus(), s_json);
        Assert.Contains("\"Id\":\"encode/90p\"", json, StringComparison.Ordinal);
        Assert.Contains("\"State\":\"Stopped\"", json, StringComparison.Ordinal);
    }
}
