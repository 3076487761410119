using System.Collections.Concurrent;
using System.Text;
using Ladder.Api.Pipeline;
using Ladder.LibAv;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Publishing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ladder.Pipeline.Packaging;

/// <summary>
/// The pipeline's HLS and DASH packager and publisher. It takes the media core's encoded packets
/// (<see cref="IEncodedPacketSink"/>), cuts them into keyframe-aligned CMAF segments with the same boundaries and
/// sequence numbers in every track (one video track per rendition, one shared <c>audio</c> track), keeps a
/// window-limited store of them, and serves them with the playlists and the manifest (<see cref="IOriginContent"/>)
/// in the layout of <see cref="OriginPaths"/>: an HLS multivariant playlist (RFC 8216 section 4.3.4) and media
/// playlists with a sliding window (section 6.2.2), and a dynamic MPD (ISO/IEC 23009-1, DASH-IF IOP live) over the
/// same segment files.
/// </summary>
/// <remarks>
/// <see cref="Write"/> is called from several encoder threads and never blocks: each track has a bounded queue drained
/// by its own muxing loop, and packets beyond the bound are dropped and counted (<see cref="TrackStatus.DroppedPackets"/>).
/// Playlists and the manifest are rebuilt on the loops each time a segment is published; <see cref="Get"/> answers
/// from memory. Only the HLS <c>fmp4</c> container is produced.
/// </remarks>
public sealed class LivePackager : IEncodedPacketSink, IOriginContent, IDisposable
{
    private static readonly TimeSpan PlaylistMaxAge = TimeSpan.FromSeconds(1);
    private readonly PackagingSettings _settings;
    private readonly MediaTimeline _timeline;
    private readonly LivePackagerOptions _options;
    private readonly PackagerMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly SegmentBoundaries _boundaries;
    private readonly PublishedContent _content;
    private readonly ConcurrentDictionary<string, TrackPackager> _tracks = new(StringComparer.Ordinal);
    private readonly Lock _publishLock = new();
    private readonly List<DashPeriodStart> _periods = [];
    private readonly Dictionary<string, int> _rank;
    private volatile bool _disposed;

    /// <summary>Creates the packager; tracks come with <see cref="AddTrack"/>.</summary>
    /// <param name="spec">The pipeline: <c>outputs.hls</c> (enabled, segment duration, window, container), <c>outputs.dash</c> (enabled, window) and the rendition order of the master playlist.</param>
    /// <param name="timeline">The output timeline: program date times and the MPD's <c>availabilityStartTime</c>.</param>
    /// <param name="options">Disk output and queue bounds; null for the defaults.</param>
    /// <param name="metrics">The instruments to report to; null for none.</param>
    /// <param name="logger">Where muxing errors are logged; null for none.</param>
    /// <exception cref="NotSupportedException">HLS is enabled with the <c>ts</c> container, which this packager does not produce yet.</exception>
    /// <exception cref="ArgumentException">The spec's outputs are inconsistent (see <see cref="PackagingSettings.From"/>).</exception>
    /// <exception cref="IOException">The disk output directory cannot be created.</exception>
    public LivePackager(PipelineSpec spec, MediaTimeline timeline, LivePackagerOptions? options = null, PackagerMetrics? metrics = null, ILogger<LivePackager>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        _settings = PackagingSettings.From(spec);
        if (_settings.HlsEnabled && _settings.HlsTransportStream)
        {
            throw new NotSupportedException("outputs.hls.container 'ts' is not produced by this packager yet; use 'fmp4' (CMAF), which serves both HLS and DASH.");
        }

        _rank = _settings.Renditions.Select((name, index) => (name, index)).ToDictionary(r => r.name, r => r.index, StringComparer.Ordinal);
        _timeline = timeline;
        _options = options ?? new LivePackagerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.QueueCapacity, 1, nameof(options));
        _logger = logger ?? NullLogger<LivePackager>.Instance;
        _boundaries = new SegmentBoundaries(_settings.SegmentDuration);
        _content = new PublishedContent(_options.DiskOutput is { } directory ? new DiskMirror(directory, _options.DiskQueueCapacity, _logger) : null);
        _metrics = metrics;
        _metrics?.Attach(this);
    }

    /// <summary>
    /// Raised on a track's muxing loop after each of its media segments is published (listed in the playlists and
    /// the manifest). Handlers hold up that track's loop only: keep them short.
    /// </summary>
    public event EventHandler<SegmentPublishedEventArgs>? SegmentPublished;

    /// <summary>Announces a track or a new version of one; a new version's init segment starts at its first segment boundary.</summary>
    /// <param name="track">The track; its codec must be H.264, HEVC, AAC or Opus with out-of-band extradata.</param>
    /// <exception cref="NotSupportedException">The codec cannot be packaged, or its extradata has no parameter sets.</exception>
    /// <exception cref="ObjectDisposedException">The packager was disposed.</exception>
    public void AddTrack(TrackInfo track)
    {
        ArgumentNullException.ThrowIfNull(track);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _ = TrackFormat.From(track); // fail now, not on the loop, when the codec cannot be described
        if (!_settings.Cmaf)
        {
            return;
        }

        _tracks.AddOrUpdate(
            track.Id,
            id => Start(track),
            (id, existing) =>
            {
                if (!existing.Ended)
                {
                    return existing;
                }

                existing.Dispose();
                return Start(track);
            });
    }

    /// <summary>Queues a packet on its track (a new reference, <c>av_packet_ref</c>); never blocks, drops and counts when the track's queue is full.</summary>
    /// <param name="packet">The packet; the caller keeps its own reference.</param>
    /// <exception cref="InvalidOperationException">The packet's track was never announced with <see cref="AddTrack"/>.</exception>
    public void Write(in EncodedPacket packet)
    {
        if (!_settings.Cmaf)
        {
            return;
        }

        if (!_tracks.TryGetValue(packet.Track.Id, out var track))
        {
            throw new InvalidOperationException($"Track '{packet.Track.Id}' was not announced; call AddTrack before writing its packets.");
        }

        track.TryEnqueue(packet);
    }

    /// <summary>Ends a track: its queued packets are packaged, its playlist gets <c>EXT-X-ENDLIST</c> and it leaves the master playlist.</summary>
    /// <param name="trackId">The track id.</param>
    public void RemoveTrack(string trackId)
    {
        if (_tracks.TryGetValue(trackId, out var track))
        {
            track.Complete();
        }
    }

    /// <inheritdoc />
    public OriginResource? Get(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path == OriginPaths.DashTime && _settings.DashEnabled
            ? new OriginResource(Encoding.UTF8.GetBytes(HlsMediaPlaylist.FormatDateTime(DateTimeOffset.UtcNow)), ContentTypes.PlainText, TimeSpan.Zero)
            : _content.Get(path);
    }

    /// <summary>The per-track counters and the disk output's.</summary>
    /// <returns>A snapshot.</returns>
    public PackagerStatus GetStatus() => new(
        [.. _tracks.Values.Select(t => t.GetStatus())],
        _content.Disk?.Dropped ?? 0,
        _content.Disk?.Failed ?? 0);

    /// <summary>Ends every track, waits (up to 10 s each) for the queued packets to be published and the disk output to catch up, and frees the muxers.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var track in _tracks.Values)
        {
            track.Complete();
        }

        // Video first: audio places its last frames on the boundaries the video announces while it drains.
        foreach (var track in _tracks.Values.OrderBy(t => t.MediaType == MediaType.Video ? 0 : 1))
        {
            track.Dispose();
        }

        _metrics?.Detach(this);
        _content.Dispose();
    }

    private TrackPackager Start(TrackInfo track) =>
        new(track, _settings, _options.QueueCapacity, _boundaries, _timeline, _content, OnPublished, _logger);

    /// <summary>Rebuilds the track's media playlist, the master playlist and the manifest after a segment (or the end of a track).</summary>
    private void OnPublished(TrackPackager track, MediaSegment? segment, bool startsVersion)
    {
        var published = Describe(track);
        if (_settings.HlsEnabled && published.Content.Segments.Count > 0)
        {
            var playlist = HlsMediaPlaylist.Write(published, _settings.HlsWindow, _settings.TargetDuration);
            _content.Put(OriginPaths.HlsPlaylist(track.Id), new OriginResource(Encoding.UTF8.GetBytes(playlist), ContentTypes.HlsPlaylist, PlaylistMaxAge));
        }

        lock (_publishLock)
        {
            var live = _tracks.Values.Where(t => _disposed || !t.Ended).ToList(); // at shutdown every track stays listed, ended
            var videos = Order(live.Where(t => t.MediaType == MediaType.Video).Select(Describe).Where(t => t.Format is not null));
            var audio = live.Where(t => t.MediaType == MediaType.Audio).Select(Describe).FirstOrDefault(t => t.Format is not null);
            if (segment is not null)
            {
                NotePeriod(segment, startsVersion);
            }

            if (_settings.HlsEnabled && (videos.Count > 0 || audio is not null))
            {
                var master = HlsMasterPlaylist.Write(videos, audio);
                _content.Put(OriginPaths.HlsMaster, new OriginResource(Encoding.UTF8.GetBytes(master), ContentTypes.HlsPlaylist, PlaylistMaxAge));
            }

            if (_settings.DashEnabled && _periods.Count > 0)
            {
                var manifest = DashManifest.Write(_timeline, DateTimeOffset.UtcNow, _settings.SegmentDuration, _settings.DashWindow, videos, audio, _periods);
                _content.Put(OriginPaths.DashManifest, new OriginResource(manifest, ContentTypes.DashManifest, PlaylistMaxAge));
            }
        }

        if (segment is not null)
        {
            SegmentPublished?.Invoke(this, new SegmentPublishedEventArgs(track.Id, segment));
        }
    }

    private static PublishedTrack Describe(TrackPackager track) => new(track.Id, track.Window.Current, track.Ended, track.PeakBitrate);

    /// <summary>Video tracks in the spec's rendition order, then any others in id order.</summary>
    private List<PublishedTrack> Order(IEnumerable<PublishedTrack> videos) =>
        [.. videos.OrderBy(v => _rank.GetValueOrDefault(v.Id, int.MaxValue)).ThenBy(v => v.Id, StringComparer.Ordinal)];

    /// <summary>Records where DASH Periods begin: at the first segment, and wherever a track starts a new version; forgets those before the oldest kept segment.</summary>
    private void NotePeriod(MediaSegment segment, bool startsVersion)
    {
        if (_periods.Count == 0)
        {
            _periods.Add(new DashPeriodStart(segment.SequenceNumber, 0));
        }
        else if (startsVersion && _periods.All(p => p.FirstSequenceNumber != segment.SequenceNumber) && segment.SequenceNumber > _periods[^1].FirstSequenceNumber)
        {
            var time = _boundaries.TimeOf(segment.SequenceNumber) ?? (long)(((double)segment.StartTime / segment.Timescale - PackagingSettings.MediaTimeOffset) * 1e6);
            _periods.Add(new DashPeriodStart(segment.SequenceNumber, time / 1e6));
        }

        var oldest = _tracks.Values.Select(t => t.Window.Current.Segments).Where(s => s.Count > 0).Select(s => s[0].SequenceNumber).DefaultIfEmpty(0).Min();
        while (_periods.Count > 1 && _periods[1].FirstSequenceNumber <= oldest)
        {
            _periods.RemoveAt(0);
        }
    }
}
