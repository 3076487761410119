using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Tests.Publishing;

namespace Ladder.Pipeline.Tests.Packaging;

public sealed class LivePackagerTests(EncodedMediaFixture media) : IClassFixture<EncodedMediaFixture>, IDisposable
{
    private static readonly XNamespace Mpd = "urn:mpeg:dash:schema:mpd:2011";
    private readonly string _directory = Directory.CreateTempSubdirectory("ladder-packager-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Package_Should_PublishAlignedCmafHlsAndDash_When_TwoRenditionsAndAudioArriveFromSeveralThreads()
    {
        var timeline = new MediaTimeline(DateTimeOffset.UnixEpoch);
        var segments = new Dictionary<string, List<MediaSegment>>();
        string master, mpd;
        var playlists = new Dictionary<string, MediaPlaylist>();
        using (var packager = new LivePackager(PackagerSpecs.Create(2, 10, dash: true, "high", "low"), timeline, new LivePackagerOptions { DiskOutput = _directory }))
        {
            packager.SegmentPublished += (_, e) => { lock (segments) { (segments.TryGetValue(e.TrackId, out var list) ? list : segments[e.TrackId] = []).Add(e.Segment); } };
            Feed(packager, media.High, media.Low, media.Audio);
            packager.Dispose();
            master = Text(packager, OriginPaths.HlsMaster);
            mpd = Text(packager, OriginPaths.DashManifest);
            foreach (var id in new[] { "high", "low", "audio" })
            {
                playlists[id] = HlsPlaylistChecker.Check(Text(packager, OriginPaths.HlsPlaylist(id)));
            }

            Assert.All(packager.GetStatus().Tracks, t => Assert.Equal(0, t.DroppedPackets));
        }

        // Master playlist: every rendition in ladder order, CODECS from the SPS as ffprobe reads it, the audio group.
        var lines = master.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["#EXTM3U", "#EXT-X-INDEPENDENT-SEGMENTS"], lines[..2]);
        Assert.Contains("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"audio\",DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"2\",URI=\"audio/playlist.m3u8\"", lines);
        var variants = lines.Select((line, i) => (line, i)).Where(l => l.line.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["high/playlist.m3u8", "low/playlist.m3u8"], variants.Select(v => lines[v.i + 1]));
        foreach (var ((line, _), (id, width, height)) in variants.Zip(new[] { ("high", 320, 180), ("low", 160, 90) }))
        {
            var attributes = Attributes(line);
            Assert.Equal($"{ExpectedAvc(Path.Combine(_directory, "hls", id))},mp4a.40.2", attributes["CODECS"]);
            Assert.Equal($"{width}x{height}", attributes["RESOLUTION"]);
            Assert.Equal("24.000", attributes["FRAME-RATE"]);
            Assert.Equal("audio", attributes["AUDIO"]);
            Assert.True(long.Parse(attributes["BANDWIDTH"], CultureInfo.InvariantCulture) >= long.Parse(attributes["AVERAGE-BANDWIDTH"], CultureInfo.InvariantCulture));
        }

        // Media playlists: 3 segments of 2 s each, within one frame, on identical boundaries and numbers.
        var frame = 1 / 24.0;
        foreach (var id in new[] { "high", "low" })
        {
            Assert.Equal([1L, 2, 3], playlists[id].Segments.Select(s => s.SequenceNumber));
            Assert.All(playlists[id].Segments, s => Assert.InRange(s.Duration, 2 - frame, 2 + frame));
            Assert.Equal(playlists["high"].Segments.Select(s => s.ProgramDateTime), playlists[id].Segments.Select(s => s.ProgramDateTime));
            Assert.True(playlists[id].Ended);
        }

        Assert.Equal([1L, 2, 3], playlists["audio"].Segments.Select(s => s.SequenceNumber));
        Assert.All(playlists["audio"].Segments.Zip(playlists["high"].Segments), p =>
            Assert.InRange((p.First.ProgramDateTime - p.Second.ProgramDateTime).TotalSeconds, 0, 1024 / 48000.0));

        // Every video segment decodes from its init segment and starts with an IDR; tfdt advances by the segment duration.
        foreach (var (id, width, height, source) in new[] { ("high", 320, 180, media.High), ("low", 160, 90, media.Low) })
        {
            var init = File.ReadAllBytes(Path.Combine(_directory, "hls", id, "init-1.mp4"));
            Assert.Equal(["ftyp", "moov"], Mp4Boxes.Types(init).Where(t => t is "ftyp" or "moov" or "moof" or "mdat"));
            var total = 0;
            long? previousTfdt = null;
            foreach (var segment in segments[id].OrderBy(s => s.SequenceNumber))
            {
                var bytes = File.ReadAllBytes(Path.Combine(_directory, "hls", id, $"{segment.SequenceNumber}.m4s"));
                Assert.Equal(segment.Bytes.ToArray(), bytes);
                var tfdt = Mp4Boxes.Tfdt(bytes);
                if (previousTfdt is { } previous)
                {
                    Assert.Equal(segments[id].Single(s => s.SequenceNumber == segment.SequenceNumber - 1).Duration, tfdt - previous);
                }

                previousTfdt = tfdt;
                var file = Path.Combine(_directory, $"{id}-{segment.SequenceNumber}.mp4");
                File.WriteAllBytes(file, [.. init, .. bytes]);
                using var probe = FFtools.Probe(file, "-show_streams", "-show_packets", "-select_streams", "v:0");
                var stream = probe.RootElement.GetProperty("streams")[0];
                Assert.Equal("h264", stream.GetProperty("codec_name").GetString());
                Assert.Equal(width, stream.GetProperty("width").GetInt32());
                Assert.Equal(height, stream.GetProperty("height").GetInt32());
                var packets = probe.RootElement.GetProperty("packets");
                Assert.StartsWith("K", packets[0].GetProperty("flags").GetString(), StringComparison.Ordinal);
                var firstPts = packets.EnumerateArray().Min(p => double.Parse(p.GetProperty("pts_time").GetString()!, CultureInfo.InvariantCulture));
                Assert.Equal(segment.StartTime / (double)segment.Timescale, firstPts, 3);
                total += packets.GetArrayLength();
            }

            Assert.Equal(source.Packets.Count, total);
        }

        // Audio: AAC 48 kHz stereo, continuous across segments.
        var audioFile = Path.Combine(_directory, "audio.mp4");
        File.WriteAllBytes(audioFile, [.. File.ReadAllBytes(Path.Combine(_directory, "hls", "audio", "init-1.mp4")), .. segments["audio"].OrderBy(s => s.SequenceNumber).SelectMany(s => s.Bytes.ToArray())]);
        using (var probe = FFtools.Probe(audioFile, "-show_streams", "-show_packets"))
        {
            var stream = probe.RootElement.GetProperty("streams")[0];
            Assert.Equal("aac", stream.GetProperty("codec_name").GetString());
            Assert.Equal("48000", stream.GetProperty("sample_rate").GetString());
            Assert.Equal(2, stream.GetProperty("channels").GetInt32());
            var pts = probe.RootElement.GetProperty("packets").EnumerateArray().Select(p => p.GetProperty("pts").GetInt64()).ToList();
            Assert.True(pts.Count >= media.Audio.Packets.Count - 1, $"{pts.Count} audio packets of {media.Audio.Packets.Count}");
            Assert.All(pts.Zip(pts.Skip(1)), p => Assert.Equal(1024, p.Second - p.First)); // one AAC frame apart: no gap at any boundary
        }

        // The whole ladder remuxes from disk through FFmpeg's HLS demuxer.
        var remux = Path.Combine(_directory, "remux.mkv");
        var (code, _, error) = FFtools.Run("ffmpeg", "-v", "error", "-i", Path.Combine(_directory, "hls", "master.m3u8"), "-map", "0", "-c", "copy", "-y", remux);
        Assert.True(code == 0, error);
        using (var probe = FFtools.Probe(remux, "-show_streams"))
        {
            var types = probe.RootElement.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_type").GetString()).ToList();
            Assert.Equal(2, types.Count(t => t == "video"));
            Assert.Contains("audio", types);
        }

        // DASH: one Period, a video AdaptationSet with both renditions, an audio one; timelines list the segments.
        var document = XDocument.Parse(mpd);
        var root = document.Root!;
        Assert.Equal("dynamic", (string?)root.Attribute("type"));
        foreach (var attribute in new[] { "availabilityStartTime", "publishTime", "minimumUpdatePeriod", "minBufferTime", "timeShiftBufferDepth", "suggestedPresentationDelay" })
        {
            Assert.NotNull(root.Attribute(attribute));
        }

        Assert.Contains("urn:mpeg:dash:profile:isoff-live:2011", (string?)root.Attribute("profiles"), StringComparison.Ordinal);
        Assert.Equal("urn:mpeg:dash:utc:http-iso:2014", (string?)root.Element(Mpd + "UTCTiming")?.Attribute("schemeIdUri"));
        var period = Assert.Single(root.Elements(Mpd + "Period"));
        Assert.Equal("PT0S", (string?)period.Attribute("start"));
        var sets = period.Elements(Mpd + "AdaptationSet").ToList();
        Assert.Equal(["video", "audio"], sets.Select(s => (string?)s.Attribute("contentType")));
        Assert.Equal("true", (string?)sets[0].Attribute("segmentAlignment"));
        foreach (var representation in sets.SelectMany(s => s.Elements(Mpd + "Representation")))
        {
            var id = (string)representation.Attribute("id")!;
            var template = representation.Element(Mpd + "SegmentTemplate")!;
            Assert.Equal($"../hls/{id}/$Number$.m4s", (string?)template.Attribute("media"));
            var starts = Expand(template.Element(Mpd + "SegmentTimeline")!);
            Assert.Equal(segments[id].OrderBy(s => s.SequenceNumber).Select(s => (s.StartTime, s.Duration)), starts);
            Assert.Equal("1", (string?)template.Attribute("startNumber"));
            Assert.Equal(10L * long.Parse((string)template.Attribute("timescale")!, CultureInfo.InvariantCulture), long.Parse((string)template.Attribute("presentationTimeOffset")!, CultureInfo.InvariantCulture));
        }

        Assert.Equal(["high", "low"], sets[0].Elements(Mpd + "Representation").Select(r => (string?)r.Attribute("id")));
    }

    [Fact]
    public async Task NewTrackVersion_Should_StartNewInitSegmentWithDiscontinuityAndPeriod_When_OneRenditionRestarts()
    {
        using var before = EncodedTrack.Video("high", 320, 180, 4);
        using var after = EncodedTrack.Video("high", 320, 180, 4, version: 2, bitrate: 400_000, startSeconds: 4);
        using var low = EncodedTrack.Video("low", 160, 90, 8, bitrate: 150_000);
        using var audio = EncodedTrack.Audio(8);
        using var packager = new LivePackager(PackagerSpecs.Create(2, 10, dash: true, "high", "low"), new MediaTimeline(DateTimeOffset.UnixEpoch), new LivePackagerOptions { DiskOutput = _directory });
        packager.AddTrack(before.Track);
        packager.AddTrack(low.Track);
        packager.AddTrack(audio.Track);
        var threads = new[]
        {
            Task.Run(() =>
            {
                WriteAll(packager, before);
                packager.AddTrack(after.Track);
                WriteAll(packager, after);
            }),
            Task.Run(() => WriteAll(packager, low)),
            Task.Run(() => WriteAll(packager, audio)),
        };
        await Task.WhenAll(threads).WaitAsync(TimeSpan.FromSeconds(30));
        packager.Dispose();

        var high = HlsPlaylistChecker.Check(Text(packager, OriginPaths.HlsPlaylist("high")));
        Assert.Equal([1L, 2, 3, 4], high.Segments.Select(s => s.SequenceNumber));
        Assert.Equal([false, false, true, false], high.Segments.Select(s => s.Discontinuity));
        Assert.Equal(["init-1.mp4", "init-1.mp4", "init-2.mp4", "init-2.mp4"], high.Segments.Select(s => s.Map));
        var unaffected = HlsPlaylistChecker.Check(Text(packager, OriginPaths.HlsPlaylist("low")));
        Assert.Equal([1L, 2, 3, 4], unaffected.Segments.Select(s => s.SequenceNumber));
        Assert.All(unaffected.Segments, s => Assert.False(s.Discontinuity));
        Assert.All(unaffected.Segments, s => Assert.Equal("init-1.mp4", s.Map));
        Assert.Equal(high.Segments.Select(s => s.ProgramDateTime), unaffected.Segments.Select(s => s.ProgramDateTime));

        var init = Path.Combine(_directory, "hls", "high", "init-2.mp4");
        File.WriteAllBytes(Path.Combine(_directory, "v2.mp4"), [.. File.ReadAllBytes(init), .. File.ReadAllBytes(Path.Combine(_directory, "hls", "high", "3.m4s"))]);
        using (var probe = FFtools.Probe(Path.Combine(_directory, "v2.mp4"), "-show_packets", "-select_streams", "v:0"))
        {
            Assert.StartsWith("K", probe.RootElement.GetProperty("packets")[0].GetProperty("flags").GetString(), StringComparison.Ordinal);
            Assert.Equal(48, probe.RootElement.GetProperty("packets").GetArrayLength());
        }

        var periods = XDocument.Parse(Text(packager, OriginPaths.DashManifest)).Root!.Elements(Mpd + "Period").ToList();
        Assert.Equal(["1", "3"], periods.Select(p => (string?)p.Attribute("id")));
        Assert.Equal("PT4S", (string?)periods[1].Attribute("start"));
        var highInPeriod2 = periods[1].Descendants(Mpd + "Representation").Single(r => (string?)r.Attribute("id") == "high");
        Assert.Equal("../hls/high/init-2.mp4", (string?)highInPeriod2.Element(Mpd + "SegmentTemplate")!.Attribute("initialization"));
        Assert.Equal("3", (string?)highInPeriod2.Element(Mpd + "SegmentTemplate")!.Attribute("startNumber"));
    }

    [Fact]
    public async Task RemoveTrack_Should_KeepEveryRenditionListedAndAllTheAudio_When_TheInputEndsWithAudioRemovedFirst()
    {
        using var packager = new LivePackager(PackagerSpecs.Create(2, 10, dash: true, "high", "low"), new MediaTimeline(DateTimeOffset.UnixEpoch));
        Feed(packager, media.High, media.Low, media.Audio);

        // The media core may end the audio before the video has drained: audio must still get every frame placed.
        foreach (var id in new[] { "audio", "high", "low" })
        {
            packager.RemoveTrack(id);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!packager.GetStatus().Tracks.All(t => t.Ended) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.All(packager.GetStatus().Tracks, t => Assert.True(t.Ended, $"{t.Id} did not end"));
        var master = Text(packager, OriginPaths.HlsMaster);
        Assert.Contains("high/playlist.m3u8", master, StringComparison.Ordinal);
        Assert.Contains("low/playlist.m3u8", master, StringComparison.Ordinal);
        Assert.Contains("URI=\"audio/playlist.m3u8\"", master, StringComparison.Ordinal);
        Assert.Contains("high", Text(packager, OriginPaths.DashManifest), StringComparison.Ordinal);
        var video = HlsPlaylistChecker.Check(Text(packager, OriginPaths.HlsPlaylist("high")));
        var audio = HlsPlaylistChecker.Check(Text(packager, OriginPaths.HlsPlaylist("audio")));
        Assert.True(video.Ended && audio.Ended);
        Assert.Equal(video.Segments.Count, audio.Segments.Count);
        Assert.InRange(audio.Segments.Sum(s => s.Duration), video.Segments.Sum(s => s.Duration) - (2 * 1024 / 48000.0), video.Segments.Sum(s => s.Duration) + (2 * 1024 / 48000.0));
    }

    [Fact]
    public async Task Write_Should_ReturnAndCountDrops_When_TheTrackMuxingLoopIsStalled()
    {
        using var release = new ManualResetEventSlim();
        using var packager = new LivePackager(PackagerSpecs.Create(2, 3, dash: false, "high"), new MediaTimeline(DateTimeOffset.UnixEpoch), new LivePackagerOptions { QueueCapacity = 16 });
        packager.SegmentPublished += (_, _) => release.Wait(TimeSpan.FromSeconds(30));
        packager.AddTrack(media.High.Track);
        var feeding = Task.Run(() => WriteAll(packager, media.High));
        await feeding.WaitAsync(TimeSpan.FromSeconds(20)); // a TimeoutException here means Write blocked behind the stalled loop
        var status = Assert.Single(packager.GetStatus().Tracks);
        release.Set();
        Assert.True(status.DroppedPackets > 0, "a stalled loop must make the queue overflow");
        Assert.InRange(status.QueueDepth, 0, 16);
    }

    [Fact]
    public void Store_Should_KeepOnlyTheWindowAndSlack_When_HundredsOfSegmentsPassThroughOneTrack()
    {
        const int Count = 300;
        var spec = PackagerSpecs.Create(1, 5, dash: true, "high");
        using var packager = new LivePackager(spec, new MediaTimeline(DateTimeOffset.UnixEpoch));
        var keyframe = media.High.Packets.First(p => p.StartsSegment).Packet;
        packager.AddTrack(media.High.Track);
        MediaPlaylist? previous = null;
        var published = 0;
        packager.SegmentPublished += (_, _) => Interlocked.Increment(ref published);
        for (var i = 0; i < Count; i++)
        {
            using var packet = keyframe.Clone();
            packet.Pts = packet.Dts = i * 90_000L;
            packager.Write(new EncodedPacket(media.High.Track, packet, StartsSegment: true));
            if (i % 50 == 49 && packager.Get(OriginPaths.HlsPlaylist("high")) is { } resource)
            {
                var current = HlsPlaylistChecker.Check(Encoding.UTF8.GetString(resource.Content.Span));
                if (previous is not null)
                {
                    HlsPlaylistChecker.CheckSlide(previous, current);
                }

                previous = current;
            }
        }

        packager.Dispose();
        var kept = Enumerable.Range(1, Count).Count(n => packager.Get(OriginPaths.Segment("high", n)) is not null);
        Assert.Equal((2 * 5) + 1, kept);
        Assert.Null(packager.Get(OriginPaths.Segment("high", 1)));
        Assert.NotNull(packager.Get(OriginPaths.Segment("high", Count)));
        var playlist = HlsPlaylistChecker.Check(Text(packager, OriginPaths.HlsPlaylist("high")));
        Assert.Equal(5, playlist.Segments.Count);
        Assert.Equal(Count - 4, playlist.MediaSequence);
        Assert.Equal(Count, packager.GetStatus().Tracks[0].SegmentsPublished);
        Assert.Equal(Count, published);
    }

    internal static void Feed(LivePackager packager, params EncodedTrack[] tracks)
    {
        foreach (var track in tracks)
        {
            packager.AddTrack(track.Track);
        }

        Assert.True(Task.WaitAll(tracks.Select(t => Task.Run(() => WriteAll(packager, t))).ToArray(), TimeSpan.FromSeconds(30)));
    }

    internal static void WriteAll(LivePackager packager, EncodedTrack track)
    {
        foreach (var packet in track.Packets)
        {
            packager.Write(packet);
        }
    }

    internal static string Text(LivePackager packager, string path) =>
        Encoding.UTF8.GetString((packager.Get(path) ?? throw new InvalidOperationException($"{path} was not published")).Content.Span);

    private static Dictionary<string, string> Attributes(string line) =>
        System.Text.RegularExpressions.Regex.Matches(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..], "([A-Z-]+)=(\"[^\"]*\"|[^,]*)")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim('"'));

    /// <summary>avc1.PPCCLL from ffprobe's profile and level of the first segment (High: 0x64 with no constraint flags).</summary>
    private static string ExpectedAvc(string trackDirectory)
    {
        var file = Path.Combine(trackDirectory, "probe.mp4");
        File.WriteAllBytes(file, [.. File.ReadAllBytes(Path.Combine(trackDirectory, "init-1.mp4")), .. File.ReadAllBytes(Path.Combine(trackDirectory, "1.m4s"))]);
        using var probe = FFtools.Probe(file, "-show_streams");
        var stream = probe.RootElement.GetProperty("streams")[0];
        var profile = stream.GetProperty("profile").GetString() switch
        {
            "High" => "6400",
            "Main" => "4d40",
            "Constrained Baseline" => "42c0",
            var other => throw new InvalidOperationException($"unexpected profile {other}"),
        };
        return $"avc1.{profile}{stream.GetProperty("level").GetInt32():x2}";
    }

    private static List<(long Start, long Duration)> Expand(XElement timeline)
    {
        var entries = new List<(long, long)>();
        foreach (var s in timeline.Elements(Mpd + "S"))
        {
            var t = long.Parse((string)s.Attribute("t")!, CultureInfo.InvariantCulture);
            var d = long.Parse((string)s.Attribute("d")!, CultureInfo.InvariantCulture);
            var r = (int?)s.Attribute("r") ?? 0;
            for (var i = 0; i <= r; i++)
            {
                entries.Add((t + (i * d), d));
            }
        }

        return entries;
    }
}
