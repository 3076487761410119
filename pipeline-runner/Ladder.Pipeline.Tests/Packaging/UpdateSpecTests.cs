using System.Text;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.LibAv;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Tests.Publishing;

namespace Ladder.Pipeline.Tests.Packaging;

public sealed class UpdateSpecTests
{
    [Fact]
    public async Task UpdateSpec_Should_AddAndRemoveRenditionsAndKeepTheOthersNumbering_When_TheLadderChanges()
    {
        using var high = EncodedTrack.Video("high", 160, 90, 10);
        using var low = EncodedTrack.Video("low", 96, 54, 10, bitrate: 100_000);
        using var mid = EncodedTrack.Video("mid", 128, 72, 7, bitrate: 200_000, startSeconds: 3);
        using var audio = EncodedTrack.Audio(10);
        var midPublished = new TaskCompletionSource();
        using var packager = new LivePackager(
            PackagerSpecs.Create(2, 10, dash: true, "high", "low"), new MediaTimeline(DateTimeOffset.UnixEpoch),
            new LivePackagerOptions { RemovedTrackLinger = TimeSpan.FromSeconds(4) });
        packager.SegmentPublished += (_, e) =>
        {
            if (e.TrackId == "mid")
            {
                midPublished.TrySetResult();
            }
        };
        packager.AddTrack(high.Track);
        packager.AddTrack(low.Track);
        packager.AddTrack(audio.Track);
        WriteInOrder(packager, [high, low, audio], -1, 3);

        packager.UpdateSpec(PackagerSpecs.Create(2, 10, dash: true, "high", "mid")); // "low" leaves, "mid" comes

        // "low" ends: EXT-X-ENDLIST, out of the master playlist and the MPD.
        var ended = await PollAsync(() => packager.Get(OriginPaths.HlsPlaylist("low")) is { } p && Encoding.UTF8.GetString(p.Content.Span).Contains("#EXT-X-ENDLIST", StringComparison.Ordinal));
        Assert.True(ended, "the removed rendition's playlist did not end");
        HlsPlaylistChecker.Check(LivePackagerTests.Text(packager, OriginPaths.HlsPlaylist("low")));
        packager.AddTrack(mid.Track);

        // Paced as live: the joining rendition takes the boundaries the running one announces, so it must not run ahead of it.
        for (var from = 3.0; from < 11; from += 0.5)
        {
            WriteInOrder(packager, [high, audio], from, from + 0.5);
            Assert.True(await PollAsync(() => packager.GetStatus().Tracks.Single(t => t.Id == "high").QueueDepth == 0));
            await Task.Delay(20);
            WriteInOrder(packager, [mid], from == 3.0 ? -1 : from, from + 0.5);
        }

        await midPublished.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // "mid" is in both once it has a segment.
        var master = LivePackagerTests.Text(packager, OriginPaths.HlsMaster);
        Assert.DoesNotContain("low/playlist.m3u8", master, StringComparison.Ordinal);
        Assert.True(master.IndexOf("high/playlist.m3u8", StringComparison.Ordinal) < master.IndexOf("mid/playlist.m3u8", StringComparison.Ordinal), master);
        var mpd = LivePackagerTests.Text(packager, OriginPaths.DashManifest);
        Assert.Contains("id=\"mid\"", mpd, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"low\"", mpd, StringComparison.Ordinal);

        // After the linger the removed rendition's playlist and segments are gone.
        Assert.True(await PollAsync(() => packager.Get(OriginPaths.HlsPlaylist("low")) is null), "the removed rendition's playlist stayed");
        Assert.Null(packager.Get(OriginPaths.HlsPlaylist("low")));
        Assert.Null(packager.Get(OriginPaths.Segment("low", 1)));
        Assert.Null(packager.Get(OriginPaths.Init("low", 1)));
        WriteInOrder(packager, [low], 3, 4); // a removed rendition's late packets are ignored

        packager.Dispose();
        var kept = HlsPlaylistChecker.Check(LivePackagerTests.Text(packager, OriginPaths.HlsPlaylist("high")));
        Assert.Equal([1L, 2, 3, 4, 5], kept.Segments.Select(s => s.SequenceNumber));
        Assert.All(kept.Segments, s => Assert.False(s.Discontinuity));
        var added = HlsPlaylistChecker.Check(LivePackagerTests.Text(packager, OriginPaths.HlsPlaylist("mid")));
        Assert.Equal([3L, 4, 5], added.Segments.Select(s => s.SequenceNumber)); // joined at the first boundary after its first keyframe (3 s)
        Assert.Equal(kept.Segments.Skip(2).Select(s => s.ProgramDateTime), added.Segments.Select(s => s.ProgramDateTime));
    }

    [Fact]
    public async Task UpdateSpec_Should_ApplyAShorterWindowSwitchDashOnAndRefuseALongerTarget_When_OutputsChange()
    {
        using var packager = new LivePackager(PackagerSpecs.Create(2, 10, dash: false, "high"), new MediaTimeline(DateTimeOffset.UnixEpoch));
        Assert.Throws<NotSupportedException>(() => packager.UpdateSpec(PackagerSpecs.Create(4, 10, dash: false, "high")));
        packager.UpdateSpec(PackagerSpecs.Create(1.6, 2, dash: true, "high")); // rounds to the running target of 2 s

        using var high = EncodedTrack.Video("high", 160, 90, 8);
        packager.AddTrack(high.Track);
        WriteInOrder(packager, [high], -1, 9);
        Assert.True(await PollAsync(() => packager.Get(OriginPaths.DashManifest) is not null), "no MPD after DASH was switched on");
        packager.UpdateSpec(PackagerSpecs.Create(1.6, 2, dash: false, "high"));
        Assert.Null(packager.Get(OriginPaths.DashManifest));
        packager.Dispose();
        var playlist = HlsPlaylistChecker.Check(LivePackagerTests.Text(packager, OriginPaths.HlsPlaylist("high")));
        Assert.Equal(2, playlist.TargetDuration);
        Assert.Equal(2, playlist.Segments.Count);
    }

    [Fact]
    public async Task UpdateSpec_Should_TakeANewLatencyTargetAndRefuseOtherChunks_When_DashIsLowLatency()
    {
        static PipelineSpec LowLatency(double target, double chunk)
        {
            var spec = PackagerSpecs.Create(2, 10, dash: true, "high");
            return spec with { Outputs = spec.Outputs with { Dash = spec.Outputs.Dash with { LowLatency = new PipelineDashLowLatency(Duration.FromSeconds(target), Duration.FromSeconds(chunk)) } } };
        }

        using var packager = new LivePackager(LowLatency(3, 0.5), new MediaTimeline(DateTimeOffset.UnixEpoch));
        Assert.Throws<NotSupportedException>(() => packager.UpdateSpec(LowLatency(3, 0.25)));
        Assert.Throws<NotSupportedException>(() => packager.UpdateSpec(PackagerSpecs.Create(2, 10, dash: true, "high")));
        using var high = EncodedTrack.Video("high", 160, 90, 8);
        packager.AddTrack(high.Track);
        WriteInOrder(packager, [high], -1, 5);
        Assert.True(await PollAsync(() => packager.Get(OriginPaths.DashManifest) is not null), "no MPD");
        Assert.Contains("<Latency target=\"3000\"", LivePackagerTests.Text(packager, OriginPaths.DashManifest), StringComparison.Ordinal);

        packager.UpdateSpec(LowLatency(2, 0.5));
        WriteInOrder(packager, [high], 5, 9);

        Assert.True(await PollAsync(() => LivePackagerTests.Text(packager, OriginPaths.DashManifest).Contains("<Latency target=\"2000\"", StringComparison.Ordinal)), "the new latency target did not reach the MPD");
    }

    /// <summary>Writes the packets of <paramref name="tracks"/> whose decode time is in [from, to) s, merged in decode-time order.</summary>
    /// <remarks>All of <paramref name="whole"/>'s packets go in, whatever their time.</remarks>
    private static void WriteInOrder(LivePackager packager, EncodedTrack[] tracks, double from, double to, EncodedTrack? whole = null)
    {
        var packets = tracks.SelectMany(t => t.Packets).Where(p => Seconds(p) >= from && Seconds(p) < to)
            .Concat(whole?.Packets ?? [])
            .Select(p => (Packet: p, Time: Seconds(p)))
            .OrderBy(p => p.Time);
        foreach (var (packet, _) in packets)
        {
            packager.Write(packet);
        }
    }

    private static async Task<bool> PollAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    private static double Seconds(EncodedPacket packet) =>
        Rational.Rescale(packet.Packet.Dts == Timestamp.None ? packet.Packet.Pts : packet.Packet.Dts, packet.Track.TimeBase, Rational.Microseconds) / 1e6;
}
