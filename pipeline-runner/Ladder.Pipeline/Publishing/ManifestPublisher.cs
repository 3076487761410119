using System.Text;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Packaging;

namespace Ladder.Pipeline.Publishing;

/// <summary>
/// Publishes what lists the segments, from the tracks' windows: HLS media playlists with a sliding window (RFC 8216
/// sections 4.3.3 and 6.2.2), the multivariant playlist (section 4.3.4) and the dynamic MPD (ISO/IEC 23009-1,
/// DASH-IF IOP live) with a Period wherever a track starts a new version (section 5.3.2); and withdraws them when an
/// output is switched off or a track leaves. Playlists are cacheable for 1 s. <c>EXT-X-TARGETDURATION</c> is fixed
/// for the life of the playlists (section 6.2.1). The multivariant playlist and the MPD are rebuilt under one lock,
/// so an older listing never replaces a newer one.
/// </summary>
/// <param name="content">The origin's store.</param>
/// <param name="timeline">
/// The output timeline: the MPD's <c>availabilityStartTime</c>; with low-latency DASH, its origin plus the startup lag
/// measured on the first video segment (ISO/IEC 23009-1 section 5.3.9.5.3: a segment's availability start time must
/// be when it can be fetched, and with chunks that is within a chunk of its start).
/// </param>
/// <param name="boundaries">The shared boundaries: where a Period starts on the output timeline.</param>
/// <param name="targetDuration">The playlists' <c>EXT-X-TARGETDURATION</c> in seconds.</param>
/// <param name="clock">The wall clock: the MPD's <c>publishTime</c>.</param>
internal sealed class ManifestPublisher(PublishedContent content, MediaTimeline timeline, SegmentBoundaries boundaries, int targetDuration, TimeProvider clock)
{
    private static readonly TimeSpan PlaylistMaxAge = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private readonly List<DashPeriodStart> _periods = [];
    private DateTimeOffset? _chunkedAvailabilityStart;

    /// <summary>Writes a track's HLS media playlist once it has a segment.</summary>
    /// <param name="track">The track.</param>
    /// <param name="window">Segments listed.</param>
    /// <param name="transportStream">Whether it lists MPEG-TS segments (<c>EXT-X-VERSION</c> 3, no <c>EXT-X-MAP</c>).</param>
    /// <param name="lowLatency">The part target and the other renditions for a Low-Latency HLS playlist; null for a classic one.</param>
    public void PublishMediaPlaylist(PublishedTrack track, int window, bool transportStream = false, LowLatencyPlaylist? lowLatency = null)
    {
        if (track.Content.Segments.Count > 0)
        {
            var playlist = HlsMediaPlaylist.Write(track, window, targetDuration, transportStream, lowLatency);
            var (partMsn, part) = track.LastPart;
            content.Put(OriginPaths.HlsPlaylist(track.Id), new OriginResource(Encoding.UTF8.GetBytes(playlist), ContentTypes.HlsPlaylist, PlaylistMaxAge)
            {
                Position = lowLatency is null ? null : new PlaylistPosition(track.Content.Segments[^1].MediaSequence, partMsn, part, targetDuration),
                Delta = lowLatency is null ? null : Encoding.UTF8.GetBytes(HlsMediaPlaylist.Write(track, window, targetDuration, transportStream, lowLatency, skip: true)),
            });
        }
    }

    /// <summary>Writes the multivariant playlist.</summary>
    /// <param name="videos">The video renditions, in the ladder's order.</param>
    /// <param name="audio">The audio rendition group's track; null when audio is muxed in or absent.</param>
    /// <param name="muxedAudio">The audio muxed into each rendition (MPEG-TS), for CODECS; null for none.</param>
    public void PublishMaster(IReadOnlyList<PublishedTrack> videos, PublishedTrack? audio, TrackFormat? muxedAudio = null)
    {
        var master = HlsMasterPlaylist.Write(videos, audio, muxedAudio);
        content.Put(OriginPaths.HlsMaster, new OriginResource(Encoding.UTF8.GetBytes(master), ContentTypes.HlsPlaylist, PlaylistMaxAge));
    }

    /// <summary>
    /// Rebuilds the CMAF multivariant playlist and the MPD after a segment (or the end of a track): notes the Period
    /// the segment starts, forgets Periods before the oldest listed segment, and writes what <paramref name="settings"/> enables.
    /// </summary>
    /// <param name="settings">The outputs enabled and the DASH window.</param>
    /// <param name="list">The tracks listed (video in the ladder's order, and audio), read under the lock.</param>
    /// <param name="segment">The segment just published; null when a track ended.</param>
    /// <param name="startsVersion">Whether the segment starts a new track version or breaks its <c>$Number$</c> run.</param>
    public void PublishLadder(PackagingSettings settings, Func<(IReadOnlyList<PublishedTrack> Videos, PublishedTrack? Audio)> list, MediaSegment? segment, bool startsVersion)
    {
        lock (_lock)
        {
            var (videos, audio) = list();
            if (segment is not null)
            {
                NotePeriod(segment, startsVersion, videos.Append(audio));
            }

            if (settings.HlsEnabled && !settings.HlsTransportStream && (videos.Count > 0 || audio is not null))
            {
                PublishMaster(videos, audio);
            }

            if (settings.DashLowLatency && segment is not null && _chunkedAvailabilityStart is null && (videos.Count == 0 || videos.Any(v => v.Content.Segments.Count > 0)))
            {
                // Output time t is available at the packager a startup lag after Origin + t (the wait for the first
                // input, the encoders' delay): measured once, on the first video segment, so the MPD's availability
                // times are when each chunk really exists.
                var end = ((double)(segment.StartTime + segment.Duration) / segment.Timescale) - PackagingSettings.MediaTimeOffset;
                var start = clock.GetUtcNow().AddSeconds(-end);
                _chunkedAvailabilityStart = start > timeline.Origin ? start : timeline.Origin;
            }

            if (settings.DashEnabled && _periods.Count > 0 && (!settings.DashLowLatency || _chunkedAvailabilityStart is not null))
            {
                var manifest = DashManifest.Write(_chunkedAvailabilityStart is { } chunked && settings.DashLowLatency ? chunked : timeline.Origin, clock.GetUtcNow(),
                    settings.SegmentDuration, settings.DashWindow, videos, audio, _periods,
                    settings.DashLowLatency ? new LowLatencyManifest(settings.ChunkDuration, settings.DashTargetLatency) : null);
                content.Put(OriginPaths.DashManifest, new OriginResource(manifest, ContentTypes.DashManifest, PlaylistMaxAge));
            }
        }
    }

    /// <summary>Withdraws the HLS playlists, or the MPD, that <paramref name="next"/> switches off; one switched on publishes with its tracks' next segment.</summary>
    /// <param name="current">The outputs until now.</param>
    /// <param name="next">The outputs from now on.</param>
    /// <param name="trackIds">Every track with a media playlist.</param>
    public void Withdraw(PackagingSettings current, PackagingSettings next, IEnumerable<string> trackIds)
    {
        lock (_lock)
        {
            if (current.HlsEnabled && !next.HlsEnabled)
            {
                content.Remove(OriginPaths.HlsMaster);
                foreach (var id in trackIds)
                {
                    WithdrawMediaPlaylist(id);
                }
            }

            if (current.DashEnabled && !next.DashEnabled)
            {
                content.Remove(OriginPaths.DashManifest);
            }
        }
    }

    /// <summary>Withdraws a track's media playlist (the track left, and its window has passed).</summary>
    /// <param name="trackId">The track id.</param>
    public void WithdrawMediaPlaylist(string trackId) => content.Remove(OriginPaths.HlsPlaylist(trackId));

    /// <summary>Records where DASH Periods begin: at the first segment, and wherever a track starts a new version; forgets those before the oldest listed segment.</summary>
    private void NotePeriod(MediaSegment segment, bool startsVersion, IEnumerable<PublishedTrack?> listed)
    {
        if (_periods.Count == 0)
        {
            _periods.Add(new DashPeriodStart(segment.SequenceNumber, 0));
        }
        else if (startsVersion && _periods.All(p => p.FirstSequenceNumber != segment.SequenceNumber) && segment.SequenceNumber > _periods[^1].FirstSequenceNumber)
        {
            var time = boundaries.TimeOf(segment.SequenceNumber) ?? (long)(((double)segment.StartTime / segment.Timescale - PackagingSettings.MediaTimeOffset) * 1e6);
            _periods.Add(new DashPeriodStart(segment.SequenceNumber, time / 1e6));
        }

        var oldest = listed.Select(t => t?.Content.Segments ?? []).Where(s => s.Count > 0).Select(s => s[0].SequenceNumber).DefaultIfEmpty(0).Min();
        while (_periods.Count > 1 && _periods[1].FirstSequenceNumber <= oldest)
        {
            _periods.RemoveAt(0);
        }
    }
}
