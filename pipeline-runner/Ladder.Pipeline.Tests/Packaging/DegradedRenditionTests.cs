using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.TestSupport;

namespace Ladder.Pipeline.Tests.Packaging;

public sealed class DegradedRenditionTests(EncodedMediaFixture media) : IClassFixture<EncodedMediaFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Rendition_Should_LeaveTheMasterPlaylistAndTheMpdAndShowDegraded_When_ItFallsThreeSegmentsBehind_And_ComeBack_When_ItCatchesUp()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        using var packager = new LivePackager(PackagerSpecs.Create(1, 10, dash: true, "high", "low"), new MediaTimeline(DateTimeOffset.UtcNow), metrics: new PackagerMetrics(registry));
        var lowStalls = WriteWithLowStalled(packager);

        Until(() => Track(packager, "low").Degraded, "low degraded");
        // The status says it first; the master playlist and the MPD follow with their next publication.
        Until(() => !LivePackagerTests.Text(packager, OriginPaths.HlsMaster).Contains("low/playlist.m3u8", StringComparison.Ordinal)
            && !LivePackagerTests.Text(packager, OriginPaths.DashManifest).Contains("<Representation id=\"low\"", StringComparison.Ordinal), "low out of the master playlist and the MPD");
        var degraded = (Master: LivePackagerTests.Text(packager, OriginPaths.HlsMaster), Mpd: LivePackagerTests.Text(packager, OriginPaths.DashManifest), Scrape: await PrometheusSamples.ScrapeAsync(registry));
        Assert.False(Track(packager, "high").Degraded);
        Assert.True(Track(packager, "high").LastSequenceNumber - Track(packager, "low").LastSequenceNumber >= LaggingRenditions.SegmentsBehind);

        ResumeLow(packager, lowStalls);

        Until(() => !Track(packager, "low").Degraded, "low caught up");
        Until(() => LivePackagerTests.Text(packager, OriginPaths.HlsMaster).Contains("low/playlist.m3u8", StringComparison.Ordinal), "low back in the master playlist");
        var recovered = (Master: LivePackagerTests.Text(packager, OriginPaths.HlsMaster), Mpd: LivePackagerTests.Text(packager, OriginPaths.DashManifest), Scrape: await PrometheusSamples.ScrapeAsync(registry));

        Assert.Contains("high/playlist.m3u8", degraded.Master, StringComparison.Ordinal);
        Assert.DoesNotContain("low/playlist.m3u8", degraded.Master, StringComparison.Ordinal);
        Assert.Contains("<Representation id=\"high\"", degraded.Mpd, StringComparison.Ordinal);
        Assert.DoesNotContain("<Representation id=\"low\"", degraded.Mpd, StringComparison.Ordinal);
        Assert.Equal((1d, 0d), (degraded.Scrape.Value("ladder_packager_track_degraded", ("track", "low")), degraded.Scrape.Value("ladder_packager_track_degraded", ("track", "high"))));
        Assert.Contains("low/playlist.m3u8", recovered.Master, StringComparison.Ordinal);
        Assert.Contains("<Representation id=\"low\"", recovered.Mpd, StringComparison.Ordinal);
        Assert.Equal(0, recovered.Scrape.Value("ladder_packager_track_degraded", ("track", "low")));
    }

    [Fact]
    public void Rendition_Should_LeaveTheTransportStreamMasterPlaylist_When_ItFallsThreeSegmentsBehind_And_ComeBack_When_ItCatchesUp()
    {
        using var packager = new LivePackager(PackagerSpecs.Create(1, 10, dash: false, HlsContainer.Ts, "high", "low"), new MediaTimeline(DateTimeOffset.UtcNow));
        var lowStalls = WriteWithLowStalled(packager);

        Until(() => Track(packager, "low").Degraded, "low degraded");
        // The status says it first; the master playlist follows with its next publication.
        Until(() => !LivePackagerTests.Text(packager, OriginPaths.HlsMaster).Contains("low/playlist.m3u8", StringComparison.Ordinal), "low out of the master playlist");
        Assert.Contains("high/playlist.m3u8", LivePackagerTests.Text(packager, OriginPaths.HlsMaster), StringComparison.Ordinal);

        ResumeLow(packager, lowStalls);

        Until(() => LivePackagerTests.Text(packager, OriginPaths.HlsMaster).Contains("low/playlist.m3u8", StringComparison.Ordinal), "low back in the master playlist");
    }

    /// <summary>
    /// Adds the three tracks and writes high and audio to 6 s, but low only to 1.5 s (one 1 s segment), as if its
    /// encoder had stopped; returns the index of low's first packet not written.
    /// </summary>
    private int WriteWithLowStalled(LivePackager packager)
    {
        foreach (var track in new[] { media.High, media.Low, media.Audio })
        {
            packager.AddTrack(track.Track);
        }

        var lowStalls = media.Low.Packets.FindIndex(p => p.Packet.Dts >= 135_000);
        LivePackagerTests.WriteAll(packager, media.High);
        LivePackagerTests.WriteAll(packager, media.Audio);
        foreach (var packet in media.Low.Packets[..lowStalls])
        {
            packager.Write(packet);
        }

        return lowStalls;
    }

    /// <summary>Writes low's packets from <paramref name="from"/> on: its encoder catches up.</summary>
    private void ResumeLow(LivePackager packager, int from)
    {
        foreach (var packet in media.Low.Packets[from..])
        {
            packager.Write(packet);
        }
    }

    private static TrackStatus Track(LivePackager packager, string id) => packager.GetStatus().Tracks.Single(t => t.Id == id);

    private static void Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not {what} within {Timeout.TotalSeconds} s");
            Thread.Sleep(50);
        }
    }
}
