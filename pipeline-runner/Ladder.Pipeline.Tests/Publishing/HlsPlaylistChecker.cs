using System.Globalization;

namespace Ladder.Pipeline.Tests.Publishing;

/// <summary>
/// A small RFC 8216 checker for live media playlists: header tags once and before the first segment, a version that
/// covers EXT-X-MAP (6), every rounded EXTINF at or below EXT-X-TARGETDURATION (section 4.3.3.1), a URI after every
/// EXTINF, program date times that advance by the previous segment's duration unless a discontinuity intervenes.
/// Returns the parsed playlist so tests can compare successive versions (media sequence and discontinuity sequence).
/// </summary>
internal static class HlsPlaylistChecker
{
    public static MediaPlaylist Check(string text, bool transportStream = false)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("#EXTM3U", lines[0]);
        int? version = null, target = null;
        long? sequence = null, discontinuitySequence = null;
        var segments = new List<PlaylistSegment>();
        double? duration = null;
        DateTimeOffset? pdt = null;
        string? map = null;
        var discontinuity = false;
        var ended = false;
        foreach (var line in lines.Skip(1))
        {
            var (tag, value) = line.IndexOf(':') is var colon and > 0 && line.StartsWith('#') ? (line[..colon], line[(colon + 1)..]) : (line, "");
            switch (tag)
            {
                case "#EXT-X-VERSION": Assert.Null(version); Assert.Empty(segments); version = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "#EXT-X-TARGETDURATION": Assert.Null(target); Assert.Empty(segments); target = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "#EXT-X-MEDIA-SEQUENCE": Assert.Null(sequence); Assert.Empty(segments); sequence = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "#EXT-X-DISCONTINUITY-SEQUENCE": Assert.Null(discontinuitySequence); Assert.Empty(segments); discontinuitySequence = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "#EXT-X-INDEPENDENT-SEGMENTS": break;
                case "#EXT-X-DISCONTINUITY": discontinuity = true; break;
                case "#EXT-X-MAP": map = value.Replace("URI=", "", StringComparison.Ordinal).Trim('"'); break;
                case "#EXT-X-PROGRAM-DATE-TIME": pdt = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture); break;
                case "#EXTINF": duration = double.Parse(value.TrimEnd(','), CultureInfo.InvariantCulture); break;
                case "#EXT-X-ENDLIST": ended = true; break;
                default:
                    Assert.False(line.StartsWith('#'), $"unexpected tag {line}");
                    Assert.True(duration is not null, $"URI {line} without EXTINF");
                    if (transportStream)
                    {
                        Assert.Null(map);
                        Assert.EndsWith(".ts", line, StringComparison.Ordinal);
                    }
                    else
                    {
                        Assert.NotNull(map);
                    }

                    Assert.NotNull(pdt);
                    segments.Add(new PlaylistSegment((sequence ?? 0) + segments.Count, line, duration!.Value, pdt!.Value, discontinuity, map ?? ""));
                    duration = null;
                    pdt = null;
                    discontinuity = false;
                    break;
            }
        }

        Assert.True(transportStream ? version == 3 : version >= 6, "EXT-X-MAP needs EXT-X-VERSION 6 or more; MPEG-TS playlists declare the lowest that fits, 3 (decimal EXTINF)");
        Assert.NotNull(target);
        Assert.NotNull(sequence);
        Assert.NotNull(discontinuitySequence);
        Assert.NotEmpty(segments);
        foreach (var segment in segments)
        {
            Assert.True((int)Math.Round(segment.Duration, MidpointRounding.AwayFromZero) <= target, $"EXTINF {segment.Duration} rounds above EXT-X-TARGETDURATION {target}");
        }

        for (var i = 1; i < segments.Count; i++)
        {
            Assert.True(segments[i].ProgramDateTime > segments[i - 1].ProgramDateTime, "EXT-X-PROGRAM-DATE-TIME must increase");
            if (!segments[i].Discontinuity)
            {
                var step = (segments[i].ProgramDateTime - segments[i - 1].ProgramDateTime).TotalSeconds;
                Assert.True(Math.Abs(step - segments[i - 1].Duration) < 0.002, $"PDT advances {step} s over a {segments[i - 1].Duration} s segment");
            }
        }

        return new MediaPlaylist(version!.Value, target!.Value, sequence!.Value, discontinuitySequence!.Value, segments, ended);
    }

    /// <summary>Checks what may change between two versions of a playlist as its window slides (RFC 8216 section 6.2.2).</summary>
    public static void CheckSlide(MediaPlaylist before, MediaPlaylist after)
    {
        Assert.Equal(before.TargetDuration, after.TargetDuration);
        Assert.True(after.MediaSequence >= before.MediaSequence);
        var removed = before.Segments.Where(s => s.SequenceNumber < after.MediaSequence).ToList();
        Assert.Equal(before.DiscontinuitySequence + removed.Count(s => s.Discontinuity), after.DiscontinuitySequence);
        foreach (var kept in before.Segments.Where(s => s.SequenceNumber >= after.MediaSequence))
        {
            Assert.Equal(kept, after.Segments.Single(s => s.SequenceNumber == kept.SequenceNumber));
        }
    }
}

internal sealed record PlaylistSegment(long SequenceNumber, string Uri, double Duration, DateTimeOffset ProgramDateTime, bool Discontinuity, string Map);

internal sealed record MediaPlaylist(int Version, int TargetDuration, long MediaSequence, long DiscontinuitySequence, IReadOnlyList<PlaylistSegment> Segments, bool Ended);
