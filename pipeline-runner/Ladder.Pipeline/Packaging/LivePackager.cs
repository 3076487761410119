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
/// A composition: each track's <see cref="TrackSegmenter{T}"/> decides its segments on the shared
/// <see cref="SegmentBoundaries"/>, its <see cref="TrackPackager"/> muxes them and its
/// <see cref="Publishing.TrackPublisher"/> keeps the store; one <see cref="Publishing.ManifestPublisher"/> writes the
/// playlists and the MPD.
/// <see cref="Write"/> is called from several encoder threads and never blocks: each track has a bounded queue drained
/// by its own muxing loop, and packets beyond the bound are dropped and counted (<see cref="TrackStatus.DroppedPackets"/>).
/// Playlists and the manifest are rebuilt on the loops each time a segment is published; <see cref="Get"/> answers
/// from memory.
/// <para>
/// With <c>outputs.hls.container: ts</c>, HLS is served as one MPEG-TS stream per rendition with the shared audio
/// muxed in (<see cref="TsPackager"/>): segments <c>hls/&lt;rendition&gt;/&lt;n&gt;.ts</c> (<c>video/mp2t</c>) on the
/// same boundaries and numbers as the CMAF tracks, media playlists of <c>EXT-X-VERSION</c> 3 without
/// <c>EXT-X-MAP</c>, and a master playlist without an audio group (CODECS lists video and audio). The tracks are still
/// cut into CMAF segments (that is where the boundaries come from); those files are published only when DASH is
/// enabled, since DASH needs fMP4: TS HLS and CMAF DASH are then served side by side over the same boundaries.
/// </para>
/// <para>
/// Sequence numbers are time-based, so segment paths never repeat across runner restarts (a CDN could otherwise serve
/// the previous run's segments): the first boundary is numbered <see cref="FirstSequenceNumber"/> of the timeline's
/// origin, and each later one adds 1 (numbers stay consecutive, as RFC 8216 section 6.2.1 and DASH <c>$Number$</c>
/// need). <c>EXT-X-TARGETDURATION</c> is fixed at construction for the life of the playlists (section 6.2.1), and no
/// segment may round above it (section 4.3.3.1): a segment that reaches that length without a keyframe to cut on
/// (the encoder's keyframes are farther apart than the target) is ended there and counted
/// (<see cref="TrackStatus.OverlongSegments"/>); the frames up to the next keyframe are left out and the next segment
/// follows an <c>EXT-X-DISCONTINUITY</c>. Declaring a larger target instead would cost every viewer latency and still
/// not bound the segment length.
/// </para>
/// <para>
/// An unexpected error on a track's muxing loop is logged with the track id, counted and shown in
/// <see cref="TrackStatus.Failed"/> and <see cref="TrackStatus.LastError"/>; the open segment is dropped and the track
/// restarts at the next boundary with its init segment published again after a discontinuity (a new DASH Period,
/// since the <c>$Number$</c> run breaks), while the HLS media sequence stays consecutive
/// (<see cref="MediaSegment.MediaSequence"/>).
/// </para>
/// </remarks>
public sealed class LivePackager : IEncodedPacketSink, IOriginContent, IDisposable
{
    private readonly int _targetDuration;
    private readonly HashSet<string> _retired = new(StringComparer.Ordinal);
    private volatile PackagingSettings _settings;
    private readonly MediaTimeline _timeline;
    private readonly LivePackagerOptions _options;
    private readonly PackagerMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly SegmentBoundaries _boundaries;
    private readonly PublishedContent _content;
    private readonly ConcurrentDictionary<string, TrackPackager> _tracks = new(StringComparer.Ordinal);
    private readonly ManifestPublisher _manifests;
    private volatile Dictionary<string, int> _rank;
    private volatile bool _audioEndRequested;
    private volatile IReadOnlySet<string> _degraded = new HashSet<string>();
    private readonly TsPackager? _ts;
    private volatile bool _disposed;

    /// <summary>Creates the packager; tracks come with <see cref="AddTrack"/>.</summary>
    /// <param name="spec">The pipeline: <c>outputs.hls</c> (enabled, segment duration, window, container), <c>outputs.dash</c> (enabled, window) and the rendition order of the master playlist.</param>
    /// <param name="timeline">The output timeline: program date times and the MPD's <c>availabilityStartTime</c>.</param>
    /// <param name="options">Disk output and queue bounds; null for the defaults.</param>
    /// <param name="metrics">The instruments to report to; null for none.</param>
    /// <param name="logger">Where muxing errors are logged; null for none.</param>
    /// <exception cref="ArgumentException">The spec's outputs are inconsistent (see <see cref="PackagingSettings.From"/>).</exception>
    /// <exception cref="IOException">The disk output directory cannot be created.</exception>
    public LivePackager(PipelineSpec spec, MediaTimeline timeline, LivePackagerOptions? options = null, PackagerMetrics? metrics = null, ILogger<LivePackager>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        _settings = PackagingSettings.From(spec);
        _rank = Rank(_settings);
        _targetDuration = _settings.TargetDuration;
        _timeline = timeline;
        _options = options ?? new LivePackagerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.QueueCapacity, 1, nameof(options));
        _logger = logger ?? NullLogger<LivePackager>.Instance;
        _boundaries = new SegmentBoundaries(_settings.SegmentDuration, FirstSequenceNumber(timeline.Started, _settings.SegmentDuration));
        _content = new PublishedContent(_options.DiskOutput is { } directory ? new DiskMirror(directory, _options.DiskQueueCapacity, _logger) : null);
        _manifests = new ManifestPublisher(_content, timeline, _boundaries, _targetDuration, _options.Clock);
        if (_settings.Ts)
        {
            _ts = new TsPackager(_settings.RetainedSegments, _content, () => _tracks.ContainsKey(PackagingSettings.AudioTrackId), OnTsPublished, _logger);
        }

        _metrics = metrics;
        _metrics?.Attach(this);
    }

    /// <summary>
    /// Raised on a track's muxing loop after each of its media segments is published (listed in the playlists and
    /// the manifest). Handlers hold up that track's loop only: keep them short; an exception from one is logged and
    /// ignored. Raised for the tracks' CMAF segments (also cut with <c>container: ts</c>), not for the MPEG-TS segments.
    /// </summary>
    public event EventHandler<SegmentPublishedEventArgs>? SegmentPublished;

    /// <summary>
    /// The media sequence number (RFC 8216 section 4.3.3.2, DASH <c>$Number$</c>) of the first segment of a run whose
    /// timeline starts at <paramref name="origin"/>: <c>floor(origin in Unix seconds / segment duration) + 1</c>. A
    /// restarted runner gets a later origin and so starts above every number of the previous run, as long as that run's
    /// segments averaged at least the segment duration (they do: boundaries come at least a segment duration apart,
    /// less half a frame, on the encoder's regular keyframe grid) and its media time did not run ahead of the wall clock.
    /// </summary>
    /// <param name="origin">The output timeline's origin (<see cref="MediaTimeline.Origin"/>).</param>
    /// <param name="segmentDuration">The target segment duration in seconds; positive.</param>
    /// <returns>The first sequence number; at least 1.</returns>
    public static long FirstSequenceNumber(DateTimeOffset origin, double segmentDuration)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentDuration);
        var periods = Math.Floor(origin.ToUnixTimeMilliseconds() / (segmentDuration * 1000));
        return Math.Max(1, (long)periods + 1);
    }

    /// <summary>
    /// Applies a new spec's outputs and ladder while running (hot reload), as far as RFC 8216 section 6.2.1 allows
    /// without new playlists:
    /// <list type="bullet">
    /// <item>Renditions added: their order in the master playlist is taken now; each joins the master playlist and the
    /// MPD once its track (<see cref="AddTrack"/>) has published its first segment, numbered on the shared boundaries.</item>
    /// <item>Renditions removed: their tracks end as with <see cref="RemoveTrack"/> (queued packets published, media
    /// playlist gets <c>EXT-X-ENDLIST</c>, out of the master playlist and the MPD at once), and their playlists and
    /// segments are withdrawn once the window has passed (section 6.2.2).</item>
    /// <item>Renditions kept: untouched; their sequence numbers continue with no discontinuity.</item>
    /// <item>HLS and DASH windows: apply to the next playlist and manifest; the segment store grows with a larger
    /// window and never shrinks, so removed entries stay fetchable (section 6.2.2).</item>
    /// <item>HLS (CMAF) or DASH switched on: its playlists or MPD are published with the next segment, over the same
    /// segments, numbers and timeline; switched off: they are withdrawn now, and the other keeps publishing.</item>
    /// <item>Segment duration: applies from the next boundary, with no discontinuity (timestamps do not jump); it may
    /// not round above the <c>EXT-X-TARGETDURATION</c> fixed at construction, which must not change (section
    /// 6.2.1): a longer one needs a new packager (new playlists after a restart).</item>
    /// </list>
    /// Encoding changes of a kept rendition are not seen here: its new track version (<see cref="AddTrack"/>) brings a
    /// new init segment, an <c>EXT-X-DISCONTINUITY</c> and a DASH Period.
    /// </summary>
    /// <param name="spec">The new pipeline spec.</param>
    /// <exception cref="ArgumentException">The spec's outputs are inconsistent (see <see cref="PackagingSettings.From"/>).</exception>
    /// <exception cref="NotSupportedException">The change needs a new packager: MPEG-TS HLS switched on or off, DASH switched on or off beside it, low-latency chunks switched on or off or resized, or a segment duration that rounds above the running target duration. Nothing was applied.</exception>
    /// <exception cref="ObjectDisposedException">The packager was disposed.</exception>
    public void UpdateSpec(PipelineSpec spec)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var next = PackagingSettings.From(spec);
        var current = _settings;
        if (next.Cmaf != current.Cmaf || next.Ts != current.Ts)
        {
            throw new NotSupportedException("Switching MPEG-TS HLS on or off, or DASH beside it, changes which segments are made: restart the pipeline.");
        }

        if (next.LowLatency != current.LowLatency || next.ChunkDuration != current.ChunkDuration)
        {
            throw new NotSupportedException("Switching low-latency HLS or DASH on or off, or changing their part or chunk duration, changes how segments are cut into chunks: restart the pipeline.");
        }

        if (next.TargetDuration > _targetDuration)
        {
            throw new NotSupportedException($"A segment duration of {next.SegmentDuration} s rounds above the running EXT-X-TARGETDURATION of {_targetDuration} s, which must not change (RFC 8216 section 6.2.1): restart the pipeline.");
        }

        var removed = current.Renditions.Except(next.Renditions, StringComparer.Ordinal).ToList();
        _settings = next;
        _rank = Rank(next);
        _manifests.Withdraw(current, next, _tracks.Keys);

        _boundaries.SegmentDuration = next.SegmentDuration;
        foreach (var track in _tracks.Values)
        {
            track.Publisher.Retain(next.RetainedSegments);
        }

        _ts?.Retain(next.RetainedSegments);

        foreach (var id in removed)
        {
            RemoveTrack(id);
        }
    }

    /// <summary>Announces a track or a new version of one; a new version's init segment starts at its first segment boundary.</summary>
    /// <param name="track">The track; its codec must be H.264, HEVC, AAC or Opus with out-of-band extradata.</param>
    /// <exception cref="NotSupportedException">The codec cannot be packaged, or its extradata has no parameter sets.</exception>
    /// <exception cref="ObjectDisposedException">The packager was disposed.</exception>
    public void AddTrack(TrackInfo track)
    {
        ArgumentNullException.ThrowIfNull(track);
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_retired)
        {
            _retired.Remove(track.Id);
        }

        _ = TrackFormat.From(track); // fail now, not on the loop, when the codec cannot be described
        if (!_settings.Segmenting)
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
    /// <remarks>Packets of a rendition that was removed (and withdrawn after its window) are ignored: its encoder may still be draining.</remarks>
    /// <exception cref="InvalidOperationException">The packet's track was never announced with <see cref="AddTrack"/>.</exception>
    public void Write(in EncodedPacket packet)
    {
        if (!_settings.Segmenting)
        {
            return;
        }

        if (!_tracks.TryGetValue(packet.Track.Id, out var track))
        {
            lock (_retired)
            {
                if (_retired.Contains(packet.Track.Id))
                {
                    return; // a removed rendition's encoder may still be draining
                }
            }

            throw new InvalidOperationException($"Track '{packet.Track.Id}' was not announced; call AddTrack before writing its packets.");
        }

        track.TryEnqueue(packet);
    }

    /// <summary>
    /// Ends a track: its queued packets are packaged and its playlist gets <c>EXT-X-ENDLIST</c>. A rendition still in the
    /// ladder (the input ended, the pipeline stops) stays listed in the master playlist and the MPD, ended; one that
    /// <see cref="UpdateSpec"/> removed leaves them. The audio track ends only after every video track has drained,
    /// because it places its last frames on the boundaries the video announces.
    /// </summary>
    /// <param name="trackId">The track id.</param>
    public void RemoveTrack(string trackId)
    {
        if (!_tracks.TryGetValue(trackId, out var track))
        {
            return;
        }

        if (track.MediaType == MediaType.Audio)
        {
            _audioEndRequested = true;
            if (AnyVideoRunning())
            {
                return; // completed by OnPublished when the last video track has ended
            }
        }

        track.Complete();
    }

    private bool AnyVideoRunning() => _tracks.Values.Any(t => t.MediaType == MediaType.Video && !t.Ended);

    /// <summary>True for the audio track and for renditions of the current ladder: they stay listed once ended.</summary>
    private bool InLadder(TrackPackager track) => track.MediaType == MediaType.Audio || _rank.ContainsKey(track.Id);

    /// <inheritdoc />
    public OriginResource? Get(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path == OriginPaths.DashTime && _settings.DashEnabled
            ? new OriginResource(Encoding.UTF8.GetBytes(HlsMediaPlaylist.FormatDateTime(_options.Clock.GetUtcNow())), ContentTypes.PlainText, TimeSpan.Zero)
            : _content.Get(path);
    }

    /// <inheritdoc />
    public Task Changed(string path) => _content.Changed(path);

    /// <summary>The per-track counters and the disk output's.</summary>
    /// <returns>A snapshot.</returns>
    public PackagerStatus GetStatus() => new(
        [.. _tracks.Values.Select(t => t.GetStatus() with { Degraded = _degraded.Contains(t.Id) })],
        _content.Disk?.Dropped ?? 0,
        _content.Disk?.Failed ?? 0)
    {
        TransportStreamFailures = _ts?.Failures ?? 0,
    };

    /// <summary>Ends every track, waits (up to 10 s each) for the queued packets to be published and the disk output to catch up, and frees the muxers.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Video first, to the end: audio places its last frames on the boundaries the video announces while it drains,
        // so audio must not reach the end of its queue (and place what it holds on the boundaries known so far) before.
        var tracks = _tracks.Values.OrderBy(t => t.MediaType == MediaType.Video ? 0 : 1).ToList();
        foreach (var track in tracks.Where(t => t.MediaType == MediaType.Video))
        {
            track.Complete();
        }

        foreach (var track in tracks)
        {
            track.Dispose();
        }

        _ts?.Complete();
        _ts?.Dispose();
        _metrics?.Detach(this);
        _content.Dispose();
    }

    private TrackPackager Start(TrackInfo track) =>
        new(
            track, _settings, _options.QueueCapacity, _boundaries, _timeline, TrackPublisher.Cmaf(track.Id, track.MediaType, _settings.RetainedSegments, _content, _settings.Cmaf, _settings.PartSegments, TimeSpan.FromSeconds(3 * _targetDuration)),
            OnPublished, _logger, _targetDuration, _options.BeforeMux, _ts is null ? null : OnTsSegment, MayLead, OnPartPublished);

    /// <summary>A video track that has not cut yet may announce boundaries only while no other live video track cuts (a rendition joining a running ladder follows it).</summary>
    private bool MayLead(TrackPackager track) =>
        !_tracks.Values.Any(t => t != track && t.MediaType == MediaType.Video && !t.Ended && t.Cutting);

    /// <summary>Hands a closed segment's frames to the MPEG-TS side.</summary>
    private void OnTsSegment(TrackPackager track, TsTrackSegment part)
    {
        if (track.MediaType == MediaType.Video)
        {
            _ts!.AddVideo(part);
        }
        else
        {
            _ts!.AddAudio(part);
        }
    }

    /// <summary>Rebuilds a TS rendition's media playlist and the master playlist after one of its segments (or its end).</summary>
    private void OnTsPublished(TsRendition rendition, MediaSegment? segment, IReadOnlyList<TsRendition> all)
    {
        _manifests.PublishMediaPlaylist(rendition.Publisher.Describe(rendition.Ended), _settings.HlsWindow, transportStream: true);
        PublishTsMaster(all);
    }

    /// <summary>
    /// Rebuilds the MPEG-TS master playlist: the renditions with a segment, less the degraded ones (the CMAF tracks,
    /// cut in MPEG-TS mode too, say which those are; see <see cref="Listed"/>).
    /// </summary>
    private void PublishTsMaster(IReadOnlyList<TsRendition> all)
    {
        var videos = Order(all.Where(r => (_disposed || !r.Ended || _rank.ContainsKey(r.Id)) && r.Publisher.Segments > 0 && !_degraded.Contains(r.Id)).Select(r => r.Publisher.Describe(r.Ended)));
        if (videos.Count > 0)
        {
            _manifests.PublishMaster(videos, null, _ts!.AudioFormat);
        }
    }

    private static Dictionary<string, int> Rank(PackagingSettings settings) =>
        settings.Renditions.Select((name, index) => (name, index)).ToDictionary(r => r.name, r => r.index, StringComparer.Ordinal);

    /// <summary>
    /// Withdraws an ended track's playlist, segments and init segments once its last listed segment has left every
    /// client's playlist (RFC 8216 section 6.2.2: the playlist's duration after the end), unless the track was
    /// restarted meanwhile or the packager is shutting down.
    /// </summary>
    private void SchedulePurge(TrackPackager track)
    {
        var settings = _settings;
        var window = Math.Max(settings.HlsEnabled ? settings.HlsWindow : 0, settings.DashEnabled ? settings.DashWindow : 0);
        var delay = TimeSpan.FromSeconds(Math.Max(0, _options.RemovedTrackLinger?.TotalSeconds ?? ((window + 1) * settings.SegmentDuration)));
        _ = Task.Delay(delay, _options.Clock).ContinueWith(
            _ =>
            {
                if (_disposed || !_tracks.TryRemove(new KeyValuePair<string, TrackPackager>(track.Id, track)))
                {
                    return;
                }

                lock (_retired)
                {
                    _retired.Add(track.Id);
                }

                _manifests.WithdrawMediaPlaylist(track.Id);
                track.Publisher.Withdraw();

                _ts?.Purge(track.Id);

                track.Dispose();
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
    }

    /// <summary>Rebuilds the track's media playlist after a part (Low-Latency HLS).</summary>
    private void OnPartPublished(TrackPackager track)
    {
        var settings = _settings;
        if (settings.LowLatency)
        {
            _manifests.PublishMediaPlaylist(Describe(track), settings.HlsWindow, lowLatency: LowLatencyOf(settings, track));
        }
    }

    /// <summary>What a track's low-latency playlist lists beside its own parts: the part target and the other tracks' newest segment and part; null without parts.</summary>
    private LowLatencyPlaylist? LowLatencyOf(PackagingSettings settings, TrackPackager track) =>
        settings.LowLatency
            ? new LowLatencyPlaylist(settings.PartTargetDuration, [.. Order(_tracks.Values.Where(t => t != track && !t.Ended).Select(Describe)).Where(t => t.Content.Segments.Count > 0)])
            : null;

    /// <summary>Rebuilds the track's media playlist, the master playlist and the manifest after a segment (or the end of a track).</summary>
    private void OnPublished(TrackPackager track, MediaSegment? segment, bool startsVersion)
    {
        var settings = _settings;
        var published = Describe(track);
        if (segment is null && _ts is not null)
        {
            if (track.MediaType == MediaType.Video)
            {
                _ts.EndVideo(track.Id);
            }
            else
            {
                _ts.EndAudio();
            }
        }

        if (settings.HlsEnabled && !settings.HlsTransportStream)
        {
            _manifests.PublishMediaPlaylist(published, settings.HlsWindow, lowLatency: LowLatencyOf(settings, track));
        }

        _manifests.PublishLadder(settings, Listed, segment, startsVersion);

        if (segment is not null)
        {
            try
            {
                SegmentPublished?.Invoke(this, new SegmentPublishedEventArgs(track.Id, segment));
            }
            catch (Exception exception)
            {
                // A subscriber's error must not cost the track its next segment.
                _logger.LogError(exception, "A SegmentPublished handler failed for track {Track} segment {Sequence}.", track.Id, segment.SequenceNumber);
            }
        }
        else
        {
            if (track.MediaType == MediaType.Video && _audioEndRequested && !AnyVideoRunning())
            {
                _tracks.Values.FirstOrDefault(t => t.MediaType == MediaType.Audio)?.Complete();
            }

            if (!_disposed && !InLadder(track))
            {
                SchedulePurge(track);
            }
        }
    }

    /// <summary>
    /// The tracks the master playlist and the MPD list: each joins with its first segment, ended renditions of the
    /// ladder stay, and a degraded rendition (too many segments behind the others) leaves until it catches up.
    /// </summary>
    private (IReadOnlyList<PublishedTrack> Videos, PublishedTrack? Audio) Listed()
    {
        var live = _tracks.Values.Where(t => _disposed || !t.Ended || InLadder(t)).ToList();
        var withSegments = Order(live.Where(t => t.MediaType == MediaType.Video).Select(Describe).Where(t => t.Format is not null && t.Content.Segments.Count > 0));
        NoteDegraded(LaggingRenditions.Of(withSegments));
        var videos = withSegments.Where(t => !_degraded.Contains(t.Id)).ToList();
        var audio = live.Where(t => t.MediaType == MediaType.Audio).Select(Describe).FirstOrDefault(t => t.Format is not null && t.Content.Segments.Count > 0);
        return (videos, audio);
    }

    private void NoteDegraded(IReadOnlySet<string> degraded)
    {
        foreach (var id in degraded.Except(_degraded))
        {
            _logger.LogWarning("Rendition {Track} is {Segments} or more segments behind the others: it leaves the master playlist and the MPD until it catches up.", id, LaggingRenditions.SegmentsBehind);
        }

        foreach (var id in _degraded.Except(degraded))
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("Rendition {Track} caught up: it is back in the master playlist and the MPD.", id);
            }
        }

        var changed = !degraded.SetEquals(_degraded);
        _degraded = degraded;
        if (changed)
        {
            // The CMAF master playlist and the MPD are being rebuilt by the caller; the MPEG-TS one follows TS
            // segments, and the last of those may already be out.
            _ts?.WithRenditions(PublishTsMaster);
        }
    }

    private static PublishedTrack Describe(TrackPackager track) => track.Publisher.Describe(track.Ended);

    /// <summary>Video tracks in the spec's rendition order, then any others in id order.</summary>
    private List<PublishedTrack> Order(IEnumerable<PublishedTrack> videos) =>
        [.. videos.OrderBy(v => _rank.GetValueOrDefault(v.Id, int.MaxValue)).ThenBy(v => v.Id, StringComparer.Ordinal)];
}
