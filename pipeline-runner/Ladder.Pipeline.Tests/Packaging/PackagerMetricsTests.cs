using Ladder.Pipeline.Media;
using Ladder.Pipeline.Packaging;
using Ladder.TestSupport;

namespace Ladder.Pipeline.Tests.Packaging;

public sealed class PackagerMetricsTests(EncodedMediaFixture media) : IClassFixture<EncodedMediaFixture>
{
    [Fact]
    public async Task Instruments_Should_ReportPerTrackSegmentsAndBytes_When_SegmentsArePublished()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new PackagerMetrics(registry);

        using var packager = new LivePackager(PackagerSpecs.Create(2, 3, dash: false, "high"), new MediaTimeline(DateTimeOffset.UtcNow), metrics: metrics);
        using var published = new CountdownEvent(3);
        packager.SegmentPublished += (_, _) => published.Signal();
        packager.AddTrack(media.High.Track);
        foreach (var packet in media.High.Packets)
        {
            packager.Write(packet);
        }

        packager.RemoveTrack("high");
        Assert.True(published.Wait(TimeSpan.FromSeconds(30)), "the three segments were not published");
        var scrape = await PrometheusSamples.ScrapeAsync(registry);
        var status = Assert.Single(packager.GetStatus().Tracks);
        (string, string) high = ("track", "high");
        Assert.Equal(3, scrape.Value("ladder_packager_segments_total", high));
        Assert.Equal(status.BytesPublished, scrape.Value("ladder_packager_segment_bytes_total", high));
        Assert.Equal(0, scrape.Value("ladder_packager_dropped_packets_total", high));
        Assert.Equal(0, scrape.Value("ladder_packager_discarded_packets_total", high));
        Assert.Equal(0, scrape.Value("ladder_packager_failures_total", high));
        Assert.Equal(0, scrape.Value("ladder_packager_overlong_segments_total", high));
        Assert.Equal(0, scrape.Value("ladder_packager_queue_depth", high));
        Assert.Equal(2.0, scrape.Value("ladder_packager_last_segment_duration_seconds", high), 3);
        Assert.Equal("counter", scrape.Types["ladder_packager_segments_total"]);
    }
}
