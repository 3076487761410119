using System.Globalization;
using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Tests.Publishing;

namespace Ladder.Pipeline.Tests.Packaging;

public sealed class TransportStreamTests(EncodedMediaFixture media) : IClassFixture<EncodedMediaFixture>, IDisposable
{
    private const int VideoPid = 0x100;
    private const int AudioPid = 0x101;
    private readonly string _directory = Directory.CreateTempSubdirectory("ladder-ts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Package_Should_PublishOneTransportStreamPerRenditionWithAudioMuxedIn_When_ContainerIsTs()
    {
        var playlists = new Dictionary<string, MediaPlaylist>();
        string master;
        using (var packager = new LivePackager(PackagerSpecs.Create(2, 10, false, HlsContainer.Ts, "high", "low"), new MediaTimeline(DateTimeOffset.UnixEpoch), new LivePackagerOptions { DiskOutput = _directory }))
        {
            LivePackagerTests.Feed(packager, media.High, media.Low, media.Audio);
            packager.Dispose();
            master = LivePackagerTests.Text(packager, OriginPaths.HlsMaster);
            foreach (var id in new[] { "high", "low" })
            {
                playlists[id] = HlsPlaylistChecker.Check(LivePackagerTests.Text(packager, OriginPaths.HlsPlaylist(id)), transportStream: true);
                Assert.Equal(ContentTypes.VideoMp2t, packager.Get(OriginPaths.TsSegment(id, 1))!.ContentType);
            }

            Assert.Null(packager.Get(OriginPaths.HlsPlaylist("audio"))); // the audio is inside every rendition
            Assert.Null(packager.Get(OriginPaths.Segment("high", 1))); // no DASH: no CMAF files
            Assert.Null(packager.Get(OriginPaths.DashManifest));
        }

        Assert.DoesNotContain("#EXT-X-MEDIA:", master, StringComparison.Ordinal);
        Assert.Contains("high/playlist.m3u8", master, StringComparison.Ordinal);
        Assert.Contains(",mp4a.40.2\"", master, StringComparison.Ordinal);
        var frame = 1 / 24.0;
        foreach (var id in new[] { "high", "low" })
        {
            var playlist = playlists[id];
            Assert.Equal([1L, 2, 3], playlist.Segments.Select(s => s.SequenceNumber));
            Assert.Equal(playlists["high"].Segments.Select(s => s.ProgramDateTime), playlist.Segments.Select(s => s.ProgramDateTime));
            Assert.All(playlist.Segments, s => Assert.False(s.Discontinuity));
            var continuity = new Dictionary<int, int>();
            foreach (var segment in playlist.Segments)
            {
                Assert.InRange(segment.Duration, 2 - frame, 2 + frame);
                var path = Path.Combine(_directory, "hls", id, segment.Uri);
                var bytes = File.ReadAllBytes(path);
                CheckTransportPackets(bytes, continuity);

                using var probe = FFtools.Probe(path, "-show_streams", "-show_packets");
                var streams = probe.RootElement.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_name").GetString()).ToList();
                Assert.Equal(["h264", "aac"], streams);
                var packets = probe.RootElement.GetProperty("packets").EnumerateArray().ToList();
                var video = packets.Where(p => p.GetProperty("stream_index").GetInt32() == 0).ToList();
                Assert.StartsWith("K", video[0].GetProperty("flags").GetString(), StringComparison.Ordinal); // the IDR opens the segment
                Assert.Contains(packets, p => p.GetProperty("stream_index").GetInt32() == 1);
                var times = video.Select(p => double.Parse(p.GetProperty("pts_time").GetString()!, CultureInfo.InvariantCulture)).ToList();
                Assert.InRange(times.Max() + frame - times.Min(), segment.Duration - frame, segment.Duration + frame);
            }
        }

        var remux = Path.Combine(_directory, "remux.mkv");
        var (code, _, error) = FFtools.Run("ffmpeg", "-v", "error", "-i", Path.Combine(_directory, "hls", "master.m3u8"), "-map", "0", "-c", "copy", "-y", remux);
        Assert.True(code == 0, error);
        using var remuxed = FFtools.Probe(remux, "-show_streams");
        var types = remuxed.RootElement.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_type").GetString()).ToList();
        Assert.Equal(2, types.Count(t => t == "video"));
        Assert.Contains("audio", types);
    }

    [Fact]
    public void Package_Should_ServeTsHlsAndCmafDashOnTheSameBoundaries_When_DashIsEnabledWithTs()
    {
        using var packager = new LivePackager(PackagerSpecs.Create(2, 10, true, HlsContainer.Ts, "high"), new MediaTimeline(DateTimeOffset.UnixEpoch));
        LivePackagerTests.Feed(packager, media.High, media.Audio);
        packager.Dispose();
        Assert.All(packager.GetStatus().Tracks, t => Assert.Null(t.LastError));
        var playlist = HlsPlaylistChecker.Check(LivePackagerTests.Text(packager, OriginPaths.HlsPlaylist("high")), transportStream: true);
        var mpd = LivePackagerTests.Text(packager, OriginPaths.DashManifest);
        Assert.Contains("../hls/high/$Number$.m4s", mpd, StringComparison.Ordinal);
        foreach (var segment in playlist.Segments)
        {
            Assert.NotNull(packager.Get(OriginPaths.Segment("high", segment.SequenceNumber)));
            Assert.NotNull(packager.Get(OriginPaths.Segment("audio", segment.SequenceNumber)));
        }
    }

    /// <summary>
    /// Whole 188-byte packets; PAT and PMT before the first video PES; continuity counters of the video and audio PIDs
    /// go on from the previous segment (one muxer kept open).
    /// </summary>
    private static void CheckTransportPackets(byte[] bytes, Dictionary<int, int> continuity)
    {
        Assert.Equal(0, bytes.Length % 188);
        var seen = new HashSet<int>();
        var firstVideo = true;
        for (var offset = 0; offset < bytes.Length; offset += 188)
        {
            Assert.Equal(0x47, bytes[offset]);
            var pid = ((bytes[offset + 1] & 0x1F) << 8) | bytes[offset + 2];
            var unitStart = (bytes[offset + 1] & 0x40) != 0;
            var hasPayload = (bytes[offset + 3] & 0x10) != 0;
            var counter = bytes[offset + 3] & 0x0F;
            if (pid == VideoPid && unitStart && firstVideo)
            {
                Assert.Contains(0, seen); // PAT
                Assert.Contains(0x1000, seen); // PMT
                firstVideo = false;
            }

            seen.Add(pid);
            if (pid is VideoPid or AudioPid && hasPayload)
            {
                if (continuity.TryGetValue(pid, out var previous))
                {
                    Assert.Equal((previous + 1) & 0x0F, counter);
                }

                continuity[pid] = counter;
            }
        }

        Assert.False(firstVideo, "a segment without video");
    }
}
