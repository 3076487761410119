using System.Collections.Concurrent;
using System.Globalization;
using System.Xml.Linq;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Tests.Publishing;

namespace Ladder.Pipeline.Tests.Packaging;

/// <summary>Low-Latency HLS and low-latency DASH from the packager, on real FFmpeg-encoded media: 24 fps video and AAC, 2 s segments, 0.5 s parts (chunks).</summary>
public sealed class LowLatencyPackagerTests(EncodedMediaFixture media) : IClassFixture<EncodedMediaFixture>
{
    [Fact]
    public async Task Package_Should_PublishEachSegmentAsCmafChunkParts_When_LowLatencyIsOn()
    {
        var spec = LowLatencySpec();
        var seen = new ConcurrentDictionary<string, string>();
        var segments = new ConcurrentBag<(string Track, MediaSegment Segment)>();
        var parts = new ConcurrentDictionary<string, byte[]>();
        using var packager = new LivePackager(spec, new MediaTimeline(DateTimeOffset.UnixEpoch));
        var errors = new ConcurrentBag<string>(); // the packager logs a handler's exception and goes on: collect them
        packager.SegmentPublished += (_, e) =>
        {
            try
            {
                Inspect(e);
            }
            catch (Exception exception)
            {
                errors.Add($"{e.TrackId} {e.Segment.SequenceNumber}: {exception.Message}");
            }
        };
        void Inspect(SegmentPublishedEventArgs e)
        {
            segments.Add((e.TrackId, e.Segment));
            var playlist = packager.Get(OriginPaths.HlsPlaylist(e.TrackId));
            seen.TryAdd(System.Text.Encoding.UTF8.GetString(playlist!.Content.Span), e.TrackId);
            var parsed = HlsPlaylistChecker.Check(System.Text.Encoding.UTF8.GetString(playlist.Content.Span));
            Assert.Equal(parsed.Segments[^1].SequenceNumber, playlist.Position?.LastMsn); // what blocking reload waits on
            Assert.Equal(parsed.Parts[^1].Msn, playlist.Position?.PartMsn);
            Assert.Equal(parsed.Parts[^1].Index, playlist.Position?.Part);
            var delta = HlsPlaylistChecker.Check(System.Text.Encoding.UTF8.GetString(playlist.Delta!.Value.Span)); // the _HLS_skip=YES answer
            Assert.Equal(parsed.Segments.Skip(delta.Skipped), delta.Segments);
            foreach (var part in parsed.Parts)
            {
                var bytes = packager.Get($"hls/{e.TrackId}/{part.Uri}")!.Content.ToArray();
                Assert.Equal(bytes, parts.GetOrAdd($"{e.TrackId}/{part.Uri}", bytes)); // a part's URI never serves other bytes
            }
        }


        using var polling = new CancellationTokenSource();
        var poller = Task.Run(() =>
        {
            while (!polling.IsCancellationRequested)
            {
                foreach (var id in new[] { "high", "low", "audio" })
                {
                    if (packager.Get(OriginPaths.HlsPlaylist(id)) is { } playlist)
                    {
                        seen.TryAdd(System.Text.Encoding.UTF8.GetString(playlist.Content.Span), id);
                    }
                }

                Thread.Sleep(1);
            }
        });

        LivePackagerTests.Feed(packager, media.High, media.Low, media.Audio);
        foreach (var id in new[] { "audio", "high", "low" })
        {
            packager.RemoveTrack(id);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!packager.GetStatus().Tracks.All(t => t.Ended) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        polling.Cancel();
        await poller;

        Assert.Empty(errors);

        // Every playlist seen while publishing follows the low-latency rules.
        var checkedPlaylists = seen.Select(p => (Playlist: HlsPlaylistChecker.Check(p.Key), Track: p.Value)).ToList();
        var live = checkedPlaylists.Where(p => !p.Playlist.Ended).ToList();
        Assert.NotEmpty(live);
        Assert.All(live, p => Assert.Equal(0.5, p.Playlist.PartTarget));

        // Each video segment is its parts' chunks in order: the first starts on the IDR (INDEPENDENT=YES), each is a moof + mdat.
        foreach (var (track, segment) in segments.Where(s => s.Track != "audio"))
        {
            var own = parts.Where(p => p.Key.StartsWith($"{track}/{segment.SequenceNumber}.", StringComparison.Ordinal))
                .OrderBy(p => int.Parse(p.Key.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(own.Count >= 4, $"{track} segment {segment.SequenceNumber} has {own.Count} parts");
            Assert.Equal(segment.Bytes.ToArray(), own.SelectMany(p => p.Value).ToArray());
            Assert.All(own, p => Assert.Equal(["moof", "mdat"], Mp4Boxes.Types(p.Value).Where(t => t is "moof" or "mdat")));
        }

        Assert.All(checkedPlaylists.SelectMany(p => p.Playlist.Parts.Where(part => part.Index == 0 && p.Track != "audio")), part => Assert.True(part.Independent, $"{part.Uri} starts a segment on its IDR"));
        Assert.All(packager.GetStatus().Tracks, t => Assert.Equal(0, t.Failures));
    }

    [Fact]
    public async Task Package_Should_ListTheOpenSegmentsPartsAndTheOtherRenditions_When_ASegmentIsUnderWay()
    {
        using var packager = new LivePackager(LowLatencySpec(), new MediaTimeline(DateTimeOffset.UnixEpoch));
        foreach (var track in new[] { media.High, media.Low, media.Audio })
        {
            packager.AddTrack(track.Track);
        }

        // low and audio reach 3 s first; then high does, so its playlist is written after the others have a segment.
        WriteUntil(packager, media.Low, 3.0);
        WriteUntil(packager, media.Audio, 3.0);
        await WaitForAsync(() => packager.Get(OriginPaths.HlsPlaylist("low")) is { Position.Part: >= 0 } && packager.Get(OriginPaths.HlsPlaylist("audio")) is not null);
        WriteUntil(packager, media.High, 3.0);
        await WaitForAsync(() => packager.Get(OriginPaths.HlsPlaylist("high")) is { Position: { PartMsn: 2, Part: >= 0 } });

        var playlist = HlsPlaylistChecker.Check(LivePackagerTests.Text(packager, OriginPaths.HlsPlaylist("high")));

        Assert.Equal([1L], playlist.Segments.Select(s => s.SequenceNumber));
        var open = playlist.Parts.Where(p => p.Msn == 2).ToList();
        Assert.NotEmpty(open); // 2.0 s to 2.5 s at least: the segment under way is already fetchable
        Assert.True(open[0].Independent);
        Assert.Equal($"2.{open.Count}.m4s", playlist.PreloadHint);
        Assert.Equal(["../low/playlist.m3u8", "../audio/playlist.m3u8"], playlist.RenditionReports);
    }

    [Fact]
    public void Package_Should_StayPlayableByFFmpegsClassicHlsClient_When_LowLatencyIsOn()
    {
        var directory = Directory.CreateTempSubdirectory("ladder-ll-").FullName;
        try
        {
            using (var packager = new LivePackager(LowLatencySpec(), new MediaTimeline(DateTimeOffset.UnixEpoch), new LivePackagerOptions { DiskOutput = directory }))
            {
                LivePackagerTests.Feed(packager, media.High, media.Low, media.Audio);
            }

            // FFmpeg's HLS demuxer knows no parts: it reads the segments the LL playlists also list, and gets every frame.
            var remux = Path.Combine(directory, "remux.mkv");
            var (code, _, error) = FFtools.Run("ffmpeg", "-v", "error", "-i", Path.Combine(directory, "hls", "high", "playlist.m3u8"), "-map", "0", "-c", "copy", "-y", remux);
            Assert.True(code == 0, error);
            using (var probe = FFtools.Probe(remux, "-show_packets", "-select_streams", "v:0"))
            {
                Assert.Equal(media.High.Packets.Count, probe.RootElement.GetProperty("packets").GetArrayLength());
            }

            // A part kept on disk decodes on its own after the init segment when it is INDEPENDENT: the first part of the last segment.
            var playlist = HlsPlaylistChecker.Check(File.ReadAllText(Path.Combine(directory, "hls", "high", "playlist.m3u8")));
            var first = playlist.Parts.First(p => p.Msn == playlist.Segments[^1].SequenceNumber && p.Index == 0);
            Assert.True(first.Independent);
            var file = Path.Combine(directory, "part.mp4");
            File.WriteAllBytes(file, [.. File.ReadAllBytes(Path.Combine(directory, "hls", "high", "init-1.mp4")), .. File.ReadAllBytes(Path.Combine(directory, "hls", "high", first.Uri))]);
            using (var probe = FFtools.Probe(file, "-show_packets", "-select_streams", "v:0"))
            {
                var packets = probe.RootElement.GetProperty("packets");
                Assert.StartsWith("K", packets[0].GetProperty("flags").GetString(), StringComparison.Ordinal);
                Assert.InRange(packets.GetArrayLength(), 1, 12); // at most 0.5 s of 24 fps
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Package_Should_CutChunksAndAnnounceTheSegmentInProgress_When_DashIsLowLatency(bool hlsLowLatency)
    {
        var spec = LowLatencySpec();
        spec = spec with
        {
            Outputs = spec.Outputs with
            {
                Hls = spec.Outputs.Hls with { LowLatency = hlsLowLatency ? spec.Outputs.Hls.LowLatency : null },
                Dash = spec.Outputs.Dash with { LowLatency = new PipelineDashLowLatency(Duration.FromSeconds(3), Duration.FromMilliseconds(500)) },
            },
        };
        using var packager = new LivePackager(spec, new MediaTimeline(DateTimeOffset.UnixEpoch));
        foreach (var track in new[] { media.High, media.Low, media.Audio })
        {
            packager.AddTrack(track.Track);
        }

        // Segment 1 is [0 s, 2 s), segment 2 [2 s, 4 s); at 5 s segment 2 is complete and segment 3 under way.
        var fed = DateTimeOffset.UtcNow;
        foreach (var track in new[] { media.Low, media.Audio, media.High })
        {
            WriteUntil(packager, track, 5.0);
        }

        await WaitForAsync(() => packager.Get(OriginPaths.Segment("high", 2)) is not null && packager.Get(OriginPaths.Part("high", 3, 1)) is not null);

        // The chunks: segment 2 is its chunks in order, and the segment under way already has chunks to stream.
        var chunks = Enumerable.Range(0, 8).Select(i => packager.Get(OriginPaths.Part("high", 2, i))).TakeWhile(c => c is not null).ToList();
        Assert.Equal(4, chunks.Count);
        Assert.Equal(packager.Get(OriginPaths.Segment("high", 2))!.Content.ToArray(), chunks.SelectMany(c => c!.Content.ToArray()).ToArray());
        Assert.NotNull(packager.Get(OriginPaths.Part("high", 3, 0))?.FollowWithin);

        // The MPD: a latency target and playback rates, each segment available once its first chunk is, and the
        // timeline running on past the last complete segment.
        var mpd = XDocument.Parse(LivePackagerTests.Text(packager, OriginPaths.DashManifest));
        XNamespace ns = "urn:mpeg:dash:schema:mpd:2011";
        var service = mpd.Root!.Element(ns + "ServiceDescription")!;
        Assert.Equal("3000", service.Element(ns + "Latency")?.Attribute("target")?.Value);
        Assert.Equal(("0.96", "1.04"), (service.Element(ns + "PlaybackRate")?.Attribute("min")?.Value, service.Element(ns + "PlaybackRate")?.Attribute("max")?.Value));
        Assert.NotNull(mpd.Root.Element(ns + "UTCTiming"));

        // Output time zero is when the packager could have had it (here: media fed faster than real time, from when
        // the feeding began), not the timeline's origin in 1970: a segment is available once its first chunk exists.
        var availabilityStart = DateTimeOffset.Parse(mpd.Root.Attribute("availabilityStartTime")!.Value, CultureInfo.InvariantCulture);
        Assert.InRange(availabilityStart, fed.AddSeconds(-2.5), DateTimeOffset.UtcNow);
        var templates = mpd.Descendants(ns + "SegmentTemplate").ToList();
        Assert.Equal(3, templates.Count);
        Assert.All(templates, t =>
        {
            Assert.Equal("1.5", t.Attribute("availabilityTimeOffset")?.Value);
            Assert.Equal("false", t.Attribute("availabilityTimeComplete")?.Value);
            var timeline = t.Descendants(ns + "S").ToList();
            var open = timeline[^1];
            var closed = timeline[^2];
            var timescale = long.Parse(t.Attribute("timescale")!.Value, CultureInfo.InvariantCulture);
            long At(XElement s, string name) => long.Parse(s.Attribute(name)!.Value, CultureInfo.InvariantCulture);
            var closedEnd = At(closed, "t") + (At(closed, "d") * (1 + (closed.Attribute("r") is null ? 0 : At(closed, "r"))));
            Assert.Equal(("-1", closedEnd, 2 * timescale), (open.Attribute("r")?.Value, At(open, "t"), At(open, "d")));
        });
    }

    private static void WriteUntil(LivePackager packager, EncodedTrack track, double seconds)
    {
        foreach (var packet in track.Packets.Where(p => p.Packet.Pts * track.Track.TimeBase.ToDouble() < seconds))
        {
            packager.Write(packet);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    private static PipelineSpec LowLatencySpec()
    {
        var spec = PackagerSpecs.Create(2, 10, dash: true, "high", "low");
        return spec with { Outputs = spec.Outputs with { Hls = spec.Outputs.Hls with { LowLatency = new PipelineHlsLowLatency(Duration.FromMilliseconds(500)) } } };
    }
}
