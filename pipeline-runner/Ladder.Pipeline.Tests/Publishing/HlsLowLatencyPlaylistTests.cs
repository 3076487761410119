using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Tests.Packaging;

namespace Ladder.Pipeline.Tests.Publishing;

/// <summary>Low-Latency HLS media playlists (RFC 8216bis) from a window of 2 s segments cut into 0.5 s parts.</summary>
public sealed class HlsLowLatencyPlaylistTests
{
    private static readonly TrackFormat Format = new("avc1.64000d", 320, 180, null, 0, 0, 300_000, 600_000);

    [Fact]
    public void Write_Should_ListTheNewestPartsAPreloadHintAndRenditionReports_When_LowLatency()
    {
        var high = Track("high", closed: 4, open: 2);
        var low = Track("low", closed: 4, open: 1);
        var audio = Track("audio", closed: 4, open: 0);

        var text = HlsMediaPlaylist.Write(high, window: 4, targetDuration: 2, lowLatency: new LowLatencyPlaylist(0.5, [low, audio]));

        Assert.Equal("""
            #EXTM3U
            #EXT-X-VERSION:6
            #EXT-X-TARGETDURATION:2
            #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=12,PART-HOLD-BACK=1.5,HOLD-BACK=6
            #EXT-X-PART-INF:PART-TARGET=0.5
            #EXT-X-MEDIA-SEQUENCE:1
            #EXT-X-DISCONTINUITY-SEQUENCE:0
            #EXT-X-INDEPENDENT-SEGMENTS
            #EXT-X-MAP:URI="init-1.mp4"
            #EXT-X-PROGRAM-DATE-TIME:1970-01-01T00:00:02.000Z
            #EXTINF:2.000000,
            1.m4s
            #EXT-X-PROGRAM-DATE-TIME:1970-01-01T00:00:04.000Z
            #EXTINF:2.000000,
            2.m4s
            #EXT-X-PROGRAM-DATE-TIME:1970-01-01T00:00:06.000Z
            #EXT-X-PART:DURATION=0.500000,URI="3.0.m4s",INDEPENDENT=YES
            #EXT-X-PART:DURATION=0.500000,URI="3.1.m4s"
            #EXT-X-PART:DURATION=0.500000,URI="3.2.m4s"
            #EXT-X-PART:DURATION=0.500000,URI="3.3.m4s"
            #EXTINF:2.000000,
            3.m4s
            #EXT-X-PROGRAM-DATE-TIME:1970-01-01T00:00:08.000Z
            #EXT-X-PART:DURATION=0.500000,URI="4.0.m4s",INDEPENDENT=YES
            #EXT-X-PART:DURATION=0.500000,URI="4.1.m4s"
            #EXT-X-PART:DURATION=0.500000,URI="4.2.m4s"
            #EXT-X-PART:DURATION=0.500000,URI="4.3.m4s"
            #EXTINF:2.000000,
            4.m4s
            #EXT-X-PART:DURATION=0.500000,URI="5.0.m4s",INDEPENDENT=YES
            #EXT-X-PART:DURATION=0.500000,URI="5.1.m4s"
            #EXT-X-PRELOAD-HINT:TYPE=PART,URI="5.2.m4s"
            #EXT-X-RENDITION-REPORT:URI="../low/playlist.m3u8",LAST-MSN=5,LAST-PART=0
            #EXT-X-RENDITION-REPORT:URI="../audio/playlist.m3u8",LAST-MSN=4,LAST-PART=3

            """.Replace("\r\n", "\n", StringComparison.Ordinal), text);
        var playlist = HlsPlaylistChecker.Check(text);
        Assert.Equal(0.5, playlist.PartTarget);
        Assert.Equal(10, playlist.Parts.Count);
        Assert.Equal("5.2.m4s", playlist.PreloadHint);
    }

    [Fact]
    public void Write_Should_SkipTheSegmentsBeforeTheSkipBoundary_When_ADeltaUpdateIsAsked()
    {
        var track = Track("high", closed: 8, open: 2);
        var lowLatency = new LowLatencyPlaylist(0.5, []);

        var full = HlsPlaylistChecker.Check(HlsMediaPlaylist.Write(track, window: 9, targetDuration: 2, lowLatency: lowLatency));
        var text = HlsMediaPlaylist.Write(track, window: 9, targetDuration: 2, lowLatency: lowLatency, skip: true);
        var delta = HlsPlaylistChecker.Check(text);

        // 1 s of open parts and segments 4 to 8 (10 s) lie within CAN-SKIP-UNTIL=12 of the end; segments 1 to 3 are skipped.
        Assert.Contains("#EXT-X-VERSION:9\n", text, StringComparison.Ordinal);
        Assert.Equal(3, delta.Skipped);
        Assert.Equal(full.MediaSequence, delta.MediaSequence);
        Assert.Equal(full.Segments.Skip(3), delta.Segments);
        Assert.Equal(full.Parts, delta.Parts);
        Assert.Equal(full.PreloadHint, delta.PreloadHint);
    }

    [Fact]
    public void Write_Should_SkipNothing_When_ThePlaylistIsShorterThanTheSkipBoundary()
    {
        var text = HlsMediaPlaylist.Write(Track("high", closed: 4, open: 2), window: 4, targetDuration: 2, lowLatency: new LowLatencyPlaylist(0.5, []), skip: true);

        Assert.DoesNotContain("EXT-X-SKIP", text, StringComparison.Ordinal);
        Assert.Equal(0, HlsPlaylistChecker.Check(text).Skipped);
    }

    [Fact]
    public void Write_Should_HintTheNextSegmentsFirstPart_When_NoPartOfItExistsYet()
    {
        var text = HlsMediaPlaylist.Write(Track("high", closed: 2, open: 0), window: 4, targetDuration: 2, lowLatency: new LowLatencyPlaylist(0.5, []));

        Assert.EndsWith("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"3.0.m4s\"\n", text, StringComparison.Ordinal);
        HlsPlaylistChecker.Check(text);
    }

    [Fact]
    public void Write_Should_StayClassic_When_LowLatencyIsOff()
    {
        var track = Track("high", closed: 4, open: 2);

        var text = HlsMediaPlaylist.Write(track, window: 4, targetDuration: 2);

        Assert.DoesNotContain("EXT-X-PART", text, StringComparison.Ordinal);
        Assert.DoesNotContain("EXT-X-SERVER-CONTROL", text, StringComparison.Ordinal);
        Assert.DoesNotContain("EXT-X-PRELOAD-HINT", text, StringComparison.Ordinal);
        Assert.Equal(text, HlsMediaPlaylist.Write(Track("high", closed: 4, open: 0, parts: false), window: 4, targetDuration: 2));
    }

    [Fact]
    public void Check_Should_Fail_When_APartIsLongerThanThePartTarget()
    {
        var text = HlsMediaPlaylist.Write(Track("high", closed: 2, open: 1), window: 4, targetDuration: 2, lowLatency: new LowLatencyPlaylist(0.4, []));

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => HlsPlaylistChecker.Check(text));
    }

    /// <summary>A track of <paramref name="closed"/> 2 s segments, each of four 0.5 s parts, and <paramref name="open"/> parts of the next.</summary>
    private static PublishedTrack Track(string id, int closed, int open, bool parts = true)
    {
        var window = new SegmentWindow(capacity: 9, partSegments: parts ? 4 : 0);
        window.AddInit(new InitSegment(1, new byte[1], 90000, Format));
        for (var sequence = 1L; sequence <= closed + (open > 0 ? 1 : 0); sequence++)
        {
            for (var index = 0; parts && index < (sequence <= closed ? 4 : open); index++)
            {
                window.AddPart(new MediaPart(sequence, index, 1, false, 0.5, index == 0, new byte[250]));
            }

            if (sequence <= closed)
            {
                window.Add(SegmentWindowTests.Segment(sequence, 1));
            }
        }

        return new PublishedTrack(id, window.Current, false, 0);
    }
}
