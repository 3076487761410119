using System.Globalization;
using System.Text;
using System.Xml;
using Ladder.LibAv;
using Ladder.Pipeline.Packaging;

namespace Ladder.Pipeline.Publishing;

/// <summary>
/// Writes the dynamic MPD (ISO/IEC 23009-1, live profile <c>urn:mpeg:dash:profile:isoff-live:2011</c>; DASH-IF IOP
/// live; the CMAF profile is not claimed because FFmpeg 5.1's mp4 muxer writes no <c>cmfc</c> brand without
/// <c>+cmaf</c>, see <see cref="Packaging.CmafMuxer"/>): <c>availabilityStartTime</c> is the output timeline's
/// origin (see <see cref="ManifestPublisher"/> for low latency), <c>timeShiftBufferDepth</c> the window, <c>UTCTiming</c> points at <see cref="OriginPaths.DashTime"/>. One
/// Period per run of track versions (a new init segment starts a Period at that boundary), each with a video
/// AdaptationSet (one Representation per rendition) and an audio AdaptationSet, and per Representation a
/// <c>SegmentTemplate</c> with <c>$Number$</c>, <c>presentationTimeOffset</c> (the packager's media time offset) and a
/// <c>SegmentTimeline</c> of the segments in the window.
/// <para>
/// Low latency (DASH-IF IOP low-latency guidelines) adds a <c>ServiceDescription</c> (Annex K) with the latency
/// target and the playback rates a player may use to hold it, and per <c>SegmentTemplate</c>
/// <c>availabilityTimeOffset</c> = segment duration − chunk duration with <c>availabilityTimeComplete="false"</c>
/// (section 5.3.9.5.3: a segment may be fetched once its first chunk exists, and arrives with chunked transfer). The
/// timeline of the newest Period ends with <c>&lt;S d="segment duration" r="-1"/&gt;</c> after the last complete segment
/// (section 5.3.9.6.1: the duration repeats until the next MPD update), so a player addresses the segment in progress
/// without waiting for a manifest that lists it.
/// </para>
/// </summary>
internal static class DashManifest
{
    private const string Namespace = "urn:mpeg:dash:schema:mpd:2011";

    /// <summary>Writes the manifest.</summary>
    /// <param name="availabilityStartTime">The MPD's <c>availabilityStartTime</c>: the wall-clock time of output time zero.</param>
    /// <param name="publishTime">When this version of the manifest is made.</param>
    /// <param name="segmentDuration">Target segment duration in seconds.</param>
    /// <param name="window">Segments per Representation in the time-shift buffer.</param>
    /// <param name="videos">Video tracks in ladder order.</param>
    /// <param name="audio">The audio track, or null.</param>
    /// <param name="periods">Period starts in increasing order; Periods without a segment in the window are left out.</param>
    /// <param name="lowLatency">The low-latency settings; null for a classic live MPD.</param>
    /// <returns>The MPD as UTF-8 XML.</returns>
    public static byte[] Write(
        DateTimeOffset availabilityStartTime, DateTimeOffset publishTime, double segmentDuration, int window,
        IReadOnlyList<PublishedTrack> videos, PublishedTrack? audio, IReadOnlyList<DashPeriodStart> periods, LowLatencyManifest? lowLatency = null)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("MPD", Namespace);
            xml.WriteAttributeString("profiles", "urn:mpeg:dash:profile:isoff-live:2011");
            xml.WriteAttributeString("type", "dynamic");
            xml.WriteAttributeString("availabilityStartTime", DateTime(availabilityStartTime));
            xml.WriteAttributeString("publishTime", DateTime(publishTime));
            xml.WriteAttributeString("minimumUpdatePeriod", Duration(segmentDuration));
            xml.WriteAttributeString("minBufferTime", Duration(segmentDuration));
            xml.WriteAttributeString("timeShiftBufferDepth", Duration(segmentDuration * window));
            xml.WriteAttributeString("suggestedPresentationDelay", Duration(segmentDuration * 3));
            xml.WriteAttributeString("maxSegmentDuration", Duration(Math.Ceiling(segmentDuration)));

            if (lowLatency is not null)
            {
                WriteServiceDescription(xml, lowLatency, segmentDuration);
            }

            var windows = videos.Append(audio).OfType<PublishedTrack>()
                .ToDictionary(t => t.Id, t => t.Content.Segments.Skip(Math.Max(0, t.Content.Segments.Count - window)).ToList());
            for (var i = 0; i < periods.Count; i++)
            {
                var first = periods[i].FirstSequenceNumber;
                var end = i + 1 < periods.Count ? periods[i + 1].FirstSequenceNumber : long.MaxValue;
                var start = periods[i].Start;
                if (windows.Values.Any(w => w.Any(s => s.SequenceNumber >= first && s.SequenceNumber < end)))
                {
                    var template = new TemplateTiming(segmentDuration, lowLatency, Open: end == long.MaxValue);
                    WritePeriod(xml, first, start, videos, audio, windows, first, end, template);
                }
            }

            xml.WriteStartElement("UTCTiming", Namespace);
            xml.WriteAttributeString("schemeIdUri", "urn:mpeg:dash:utc:http-iso:2014");
            xml.WriteAttributeString("value", Path.GetFileName(OriginPaths.DashTime)); // resolved against the MPD's URL
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return stream.ToArray();
    }

    private static void WritePeriod(
        XmlWriter xml, long id, double start, IReadOnlyList<PublishedTrack> videos, PublishedTrack? audio,
        Dictionary<string, List<MediaSegment>> windows, long first, long end, TemplateTiming template)
    {
        xml.WriteStartElement("Period", Namespace);
        xml.WriteAttributeString("id", id.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("start", Duration(start));
        var videoSegments = videos.Select(v => (Track: v, Segments: InPeriod(windows[v.Id], first, end))).Where(v => v.Segments.Count > 0).ToList();
        if (videoSegments.Count > 0)
        {
            var formats = videoSegments.Select(v => v.Track.Content.Inits[v.Segments[0].Version].Format).ToList();
            xml.WriteStartElement("AdaptationSet", Namespace);
            xml.WriteAttributeString("id", "0");
            xml.WriteAttributeString("contentType", "video");
            xml.WriteAttributeString("mimeType", "video/mp4");
            xml.WriteAttributeString("segmentAlignment", "true");
            xml.WriteAttributeString("startWithSAP", "1");
            xml.WriteAttributeString("maxWidth", Number(formats.Max(f => f.Width)));
            xml.WriteAttributeString("maxHeight", Number(formats.Max(f => f.Height)));
            if (formats.Where(f => f.FrameRate is { IsValid: true }).MaxBy(f => f.FrameRate!.Value.ToDouble()) is { } fastest)
            {
                xml.WriteAttributeString("maxFrameRate", FrameRate(fastest.FrameRate!.Value));
            }

            foreach (var (track, segments) in videoSegments)
            {
                var init = track.Content.Inits[segments[0].Version];
                xml.WriteStartElement("Representation", Namespace);
                xml.WriteAttributeString("id", track.Id);
                xml.WriteAttributeString("bandwidth", Number(track.Bandwidth));
                xml.WriteAttributeString("codecs", init.Format.Codecs);
                xml.WriteAttributeString("width", Number(init.Format.Width));
                xml.WriteAttributeString("height", Number(init.Format.Height));
                if (init.Format.FrameRate is { IsValid: true } rate)
                {
                    xml.WriteAttributeString("frameRate", FrameRate(rate));
                }

                xml.WriteAttributeString("sar", "1:1");
                WriteTemplate(xml, track, init, segments, start, template);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        if (audio is not null && InPeriod(windows[audio.Id], first, end) is { Count: > 0 } audioSegments)
        {
            var init = audio.Content.Inits[audioSegments[0].Version];
            xml.WriteStartElement("AdaptationSet", Namespace);
            xml.WriteAttributeString("id", "1");
            xml.WriteAttributeString("contentType", "audio");
            xml.WriteAttributeString("mimeType", "audio/mp4");
            xml.WriteAttributeString("lang", "und");
            xml.WriteAttributeString("segmentAlignment", "true");
            xml.WriteAttributeString("startWithSAP", "1");
            xml.WriteStartElement("Representation", Namespace);
            xml.WriteAttributeString("id", audio.Id);
            xml.WriteAttributeString("bandwidth", Number(audio.Bandwidth));
            xml.WriteAttributeString("codecs", init.Format.Codecs);
            xml.WriteAttributeString("audioSamplingRate", Number(init.Format.SampleRate));
            xml.WriteStartElement("AudioChannelConfiguration", Namespace);
            xml.WriteAttributeString("schemeIdUri", "urn:mpeg:dash:23003:3:audio_channel_configuration:2011");
            xml.WriteAttributeString("value", Number(init.Format.Channels));
            xml.WriteEndElement();
            WriteTemplate(xml, audio, init, audioSegments, start, template);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// <c>SegmentTemplate</c> with a <c>SegmentTimeline</c> (section 5.3.9.6): <c>S@t</c> on every run, <c>S@r</c> for
    /// repeats; <c>presentationTimeOffset</c> is the media time at the Period start (section 5.3.9.2).
    /// </summary>
    private static void WriteTemplate(XmlWriter xml, PublishedTrack track, InitSegment init, List<MediaSegment> segments, double periodStart, TemplateTiming template)
    {
        var (initialization, media) = OriginPaths.DashTemplate(track.Id, init.Version);
        xml.WriteStartElement("SegmentTemplate", Namespace);
        xml.WriteAttributeString("timescale", Number(init.Timescale));
        xml.WriteAttributeString("presentationTimeOffset", Number((long)Math.Round((periodStart + PackagingSettings.MediaTimeOffset) * init.Timescale)));
        xml.WriteAttributeString("initialization", initialization);
        xml.WriteAttributeString("media", media);
        xml.WriteAttributeString("startNumber", Number(segments[0].SequenceNumber));
        if (template.LowLatency is { } lowLatency)
        {
            xml.WriteAttributeString("availabilityTimeOffset", Seconds(template.SegmentDuration - lowLatency.ChunkDuration));
            xml.WriteAttributeString("availabilityTimeComplete", "false");
        }

        xml.WriteStartElement("SegmentTimeline", Namespace);
        var i = 0;
        while (i < segments.Count)
        {
            var run = 1;
            while (i + run < segments.Count
                && segments[i + run].Duration == segments[i].Duration
                && segments[i + run].StartTime == segments[i + run - 1].StartTime + segments[i].Duration)
            {
                run++;
            }

            xml.WriteStartElement("S", Namespace);
            xml.WriteAttributeString("t", Number(segments[i].StartTime));
            xml.WriteAttributeString("d", Number(segments[i].Duration));
            if (run > 1)
            {
                xml.WriteAttributeString("r", Number(run - 1));
            }

            xml.WriteEndElement();
            i += run;
        }

        if (template.LowLatency is not null && template.Open && !track.Ended)
        {
            var last = segments[^1];
            xml.WriteStartElement("S", Namespace);
            xml.WriteAttributeString("t", Number(last.StartTime + last.Duration));
            xml.WriteAttributeString("d", Number((long)Math.Round(template.SegmentDuration * last.Timescale)));
            xml.WriteAttributeString("r", "-1");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>
    /// <c>ServiceDescription</c> (ISO/IEC 23009-1 Annex K): <c>Latency@target</c> in milliseconds, <c>@max</c> a segment
    /// above it (past that a player jumps back to the target), and <c>PlaybackRate</c> 0.96 to 1.04, the range in which
    /// a player may speed up or slow down to hold the target without a visible change.
    /// </summary>
    private static void WriteServiceDescription(XmlWriter xml, LowLatencyManifest lowLatency, double segmentDuration)
    {
        xml.WriteStartElement("ServiceDescription", Namespace);
        xml.WriteAttributeString("id", "0");
        xml.WriteStartElement("Latency", Namespace);
        xml.WriteAttributeString("target", Number((long)Math.Round(lowLatency.TargetLatency * 1000)));
        xml.WriteAttributeString("max", Number((long)Math.Round((lowLatency.TargetLatency + segmentDuration) * 1000)));
        xml.WriteEndElement();
        xml.WriteStartElement("PlaybackRate", Namespace);
        xml.WriteAttributeString("min", "0.96");
        xml.WriteAttributeString("max", "1.04");
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static List<MediaSegment> InPeriod(List<MediaSegment> segments, long first, long end) =>
        segments.Where(s => s.SequenceNumber >= first && s.SequenceNumber < end).ToList();

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string FrameRate(Rational rate) =>
        rate.Denominator == 1 ? Number(rate.Numerator) : string.Create(CultureInfo.InvariantCulture, $"{rate.Numerator}/{rate.Denominator}");

    /// <summary>An <c>xs:dateTime</c> in UTC with milliseconds.</summary>
    private static string DateTime(DateTimeOffset time) => HlsMediaPlaylist.FormatDateTime(time);

    /// <summary>A number of seconds as an <c>xs:double</c>, e.g. <c>1.5</c>.</summary>
    private static string Seconds(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.###}");

    /// <summary>What every <c>SegmentTemplate</c> of a Period needs beside its segments.</summary>
    /// <param name="SegmentDuration">The target segment duration in seconds.</param>
    /// <param name="LowLatency">The low-latency settings; null for a classic MPD.</param>
    /// <param name="Open">Whether the Period is the newest, whose segments are still being made.</param>
    private sealed record TemplateTiming(double SegmentDuration, LowLatencyManifest? LowLatency, bool Open);

    /// <summary>An <c>xs:duration</c> in seconds, e.g. <c>PT2S</c>, <c>PT0.5S</c>.</summary>
    private static string Duration(double seconds) => string.Create(CultureInfo.InvariantCulture, $"PT{seconds:0.###}S");
}
