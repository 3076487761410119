using System.Globalization;

namespace Ladder.Pipeline.Tests.Publishing;

/// <summary>
/// A small RFC 8216 checker for live media playlists: header tags once and before the first segment, a version that
/// covers EXT-X-MAP (6), every rounded EXTINF at or below EXT-X-TARGETDURATION (section 4.3.3.1), a URI after every
/// EXTINF, program date times that advance by the previous segment's duration unless a discontinuity intervenes.
/// Low-Latency HLS (RFC 8216bis): EXT-X-PART needs EXT-X-PART-INF (4.4.3.7) and EXT-X-SERVER-CONTROL with
/// CAN-BLOCK-RELOAD=YES and PART-HOLD-BACK of at least 3 part targets (4.4.3.8; the spec's floor is 2), HOLD-BACK at
/// least 3 target durations; no part longer than PART-TARGET, every part but a segment's last at least 85% of it
/// (4.4.4.9), a segment's parts adding up to its EXTINF, parts only on segments within 3 target durations of the end,
/// one EXT-X-PRELOAD-HINT of TYPE=PART after the last part (4.4.5.3), EXT-X-RENDITION-REPORT with URI and LAST-MSN (4.4.5.4);
/// CAN-SKIP-UNTIL at least 6 target durations, and a delta update's one EXT-X-SKIP before the first segment with version 9 or more (4.4.5.2).
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
        double? partTarget = null, partHoldBack = null, holdBack = null;
        var canBlock = false;
        double? canSkipUntil = null;
        var skipped = 0;
        var parts = new List<PlaylistPart>();
        var pending = new List<PlaylistPart>();
        string? hint = null;
        var reports = new List<string>();
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
                case "#EXT-X-SERVER-CONTROL":
                    {
                        Assert.Empty(segments);
                        var control = Attributes(value);
                        canBlock = control.GetValueOrDefault("CAN-BLOCK-RELOAD") == "YES";
                        partHoldBack = control.TryGetValue("PART-HOLD-BACK", out var phb) ? double.Parse(phb, CultureInfo.InvariantCulture) : null;
                        holdBack = control.TryGetValue("HOLD-BACK", out var hb) ? double.Parse(hb, CultureInfo.InvariantCulture) : null;
                        canSkipUntil = control.TryGetValue("CAN-SKIP-UNTIL", out var csu) ? double.Parse(csu, CultureInfo.InvariantCulture) : null;
                        break;
                    }

                case "#EXT-X-SKIP":
                    Assert.Empty(segments);
                    Assert.Equal(0, skipped);
                    Assert.True(canSkipUntil is not null, "EXT-X-SKIP without CAN-SKIP-UNTIL");
                    skipped = int.Parse(Attributes(value)["SKIPPED-SEGMENTS"], CultureInfo.InvariantCulture);
                    Assert.True(skipped > 0, "EXT-X-SKIP skips at least one segment");
                    break;

                case "#EXT-X-PART-INF": Assert.Null(partTarget); Assert.Empty(segments); partTarget = double.Parse(Attributes(value)["PART-TARGET"], CultureInfo.InvariantCulture); break;
                case "#EXT-X-PART":
                    {
                        Assert.Null(hint);
                        var part = Attributes(value);
                        pending.Add(new PlaylistPart((sequence ?? 0) + skipped + segments.Count, pending.Count, part["URI"], double.Parse(part["DURATION"], CultureInfo.InvariantCulture), part.GetValueOrDefault("INDEPENDENT") == "YES"));
                        break;
                    }

                case "#EXT-X-PRELOAD-HINT":
                    {
                        Assert.Null(hint);
                        var preload = Attributes(value);
                        Assert.Equal("PART", preload["TYPE"]);
                        hint = preload["URI"];
                        break;
                    }

                case "#EXT-X-RENDITION-REPORT":
                    {
                        var report = Attributes(value);
                        Assert.True(report.ContainsKey("URI") && report.ContainsKey("LAST-MSN"), $"{line} needs URI and LAST-MSN");
                        Assert.True(!report.ContainsKey("LAST-PART") || partTarget is not null, "LAST-PART needs parts");
                        reports.Add(report["URI"]);
                        break;
                    }

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
                    if (pending.Count > 0)
                    {
                        Assert.True(Math.Abs(pending.Sum(p => p.Duration) - duration!.Value) < 0.001 * pending.Count, $"the parts of {line} add up to {pending.Sum(p => p.Duration)} s, its EXTINF is {duration}");
                        parts.AddRange(pending);
                        pending.Clear();
                    }

                    segments.Add(new PlaylistSegment((sequence ?? 0) + skipped + segments.Count, line, duration!.Value, pdt!.Value, discontinuity, map ?? ""));
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
        Assert.True(skipped == 0 || version >= 9, "a playlist with EXT-X-SKIP needs EXT-X-VERSION 9 or more");
        Assert.True(canSkipUntil is null || canSkipUntil >= 6 * target, $"CAN-SKIP-UNTIL {canSkipUntil} is under 6 x EXT-X-TARGETDURATION {target}");
        parts.AddRange(pending);
        if (parts.Count > 0 || partTarget is not null)
        {
            Assert.NotNull(partTarget);
            Assert.True(canBlock, "a playlist with parts declares EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES");
            Assert.True(partHoldBack >= 3 * partTarget - 0.001, $"PART-HOLD-BACK {partHoldBack} is under 3 x PART-TARGET {partTarget}");
            Assert.True(holdBack is null || holdBack >= 3 * target, $"HOLD-BACK {holdBack} is under 3 x EXT-X-TARGETDURATION {target}");
            Assert.True(ended || hint is not null, "a live low-latency playlist ends with EXT-X-PRELOAD-HINT");
            foreach (var group in parts.GroupBy(p => p.Msn))
            {
                var list = group.ToList();
                Assert.All(list, p => Assert.True(p.Duration <= partTarget + 0.001, $"part {p.Uri} of {p.Duration} s is longer than PART-TARGET {partTarget}"));
                Assert.All(list.SkipLast(1), p => Assert.True(p.Duration >= 0.85 * partTarget, $"part {p.Uri} of {p.Duration} s is under 85% of PART-TARGET {partTarget}"));
            }

            var total = segments.Sum(s => s.Duration) + pending.Sum(p => p.Duration);
            var start = 0.0;
            foreach (var segment in segments)
            {
                Assert.True(total - start <= (3 * target!.Value) + 0.01 || !parts.Any(p => p.Msn == segment.SequenceNumber), $"segment {segment.Uri} lists parts {total - start} s from the end: more than 3 target durations");
                start += segment.Duration;
            }
        }

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

        return new MediaPlaylist(version!.Value, target!.Value, sequence!.Value, discontinuitySequence!.Value, segments, ended)
        {
            PartTarget = partTarget,
            Parts = parts,
            PreloadHint = hint,
            Skipped = skipped,
            RenditionReports = reports,
        };
    }

    /// <summary>An attribute list (RFC 8216 section 4.2) by name, quotes removed.</summary>
    public static Dictionary<string, string> Attributes(string list) =>
        System.Text.RegularExpressions.Regex.Matches(list, "([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim('"'));

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

internal sealed record MediaPlaylist(int Version, int TargetDuration, long MediaSequence, long DiscontinuitySequence, IReadOnlyList<PlaylistSegment> Segments, bool Ended)
{
    /// <summary>EXT-X-PART-INF:PART-TARGET in seconds; null without parts.</summary>
    public double? PartTarget { get; init; }

    /// <summary>Every EXT-X-PART in order, those of the open segment (after the last EXTINF) last.</summary>
    public IReadOnlyList<PlaylistPart> Parts { get; init; } = [];

    /// <summary>EXT-X-SKIP:SKIPPED-SEGMENTS of a delta update; 0 for a full playlist.</summary>
    public int Skipped { get; init; }

    /// <summary>The EXT-X-PRELOAD-HINT URI; null for none.</summary>
    public string? PreloadHint { get; init; }

    /// <summary>The EXT-X-RENDITION-REPORT URIs.</summary>
    public IReadOnlyList<string> RenditionReports { get; init; } = [];
}

/// <summary>One EXT-X-PART: its segment's media sequence number, its index there, URI, duration in seconds and INDEPENDENT.</summary>
internal sealed record PlaylistPart(long Msn, int Index, string Uri, double Duration, bool Independent);
