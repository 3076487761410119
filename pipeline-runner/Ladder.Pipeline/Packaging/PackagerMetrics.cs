using System.Collections.Concurrent;
using Ladder.Pipeline.Metrics;
using Prometheus;

namespace Ladder.Pipeline.Packaging;

/// <summary>
/// Owns the packager's prometheus-net instruments on one <see cref="CollectorRegistry"/>, all read at scrape time from
/// the <see cref="LivePackager.GetStatus"/> of the packagers attached, per <c>track</c>: counters
/// <c>ladder_packager_segments_total</c>, <c>ladder_packager_segment_bytes_total</c>,
/// <c>ladder_packager_dropped_packets_total</c> (queue full), <c>ladder_packager_discarded_packets_total</c>
/// (timestamps not increasing, or before the first boundary), <c>ladder_packager_failures_total</c> (unexpected errors on
/// the muxing loop, each healed at the next boundary) and <c>ladder_packager_overlong_segments_total</c> (segments ended
/// at the target duration cap for want of a keyframe); gauges <c>ladder_packager_queue_depth</c>,
/// <c>ladder_packager_last_segment_duration_seconds</c> and <c>ladder_packager_track_degraded</c> (1 while a video
/// rendition is degraded, too many segments behind the others and so out of the master playlist and the MPD).
/// </summary>
/// <remarks>One instance per registry: its series are refreshed by a callback it adds to the registry.</remarks>
public sealed class PackagerMetrics
{
    private readonly ConcurrentDictionary<LivePackager, byte> _packagers = new();
    private readonly Lock _gate = new();
    private readonly ScrapedSeries _scraped = new();
    private readonly Counter _segments;
    private readonly Counter _bytes;
    private readonly Counter _dropped;
    private readonly Counter _discarded;
    private readonly Counter _failures;
    private readonly Counter _overlong;
    private readonly Gauge _queueDepth;
    private readonly Gauge _lastDuration;
    private readonly Gauge _degraded;

    /// <summary>Creates the instruments on <paramref name="registry"/> and hooks them to its collections.</summary>
    /// <param name="registry">The runner's registry.</param>
    /// <exception cref="InvalidOperationException">The registry already holds one of these names with other labels.</exception>
    public PackagerMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _segments = factory.CreateCounter("ladder_packager_segments_total", "Media segments published, per track.", "track");
        _bytes = factory.CreateCounter("ladder_packager_segment_bytes_total", "Bytes of media segments published, per track.", "track");
        _dropped = factory.CreateCounter("ladder_packager_dropped_packets_total", "Packets dropped because the track's queue was full, per track.", "track");
        _discarded = factory.CreateCounter("ladder_packager_discarded_packets_total", "Packets left out for non-increasing timestamps or before the first segment boundary, per track.", "track");
        _failures = factory.CreateCounter("ladder_packager_failures_total", "Unexpected errors on the track's muxing loop; each dropped the open segment and restarted the track at the next boundary.", "track");
        _overlong = factory.CreateCounter("ladder_packager_overlong_segments_total", "Segments ended early at the longest duration EXT-X-TARGETDURATION allows, for want of a keyframe, per track.", "track");
        _queueDepth = factory.CreateGauge("ladder_packager_queue_depth", "Packets waiting in the track's queue.", "track");
        _lastDuration = factory.CreateGauge("ladder_packager_last_segment_duration_seconds", "Duration of the track's newest segment.", "track");
        _degraded = factory.CreateGauge("ladder_packager_track_degraded", "1 while the rendition is degraded (too many segments behind the others) and left out of the master playlist and the MPD, 0 otherwise.", "track");
        registry.AddBeforeCollectCallback(Scrape);
    }

    /// <summary>Starts observing <paramref name="packager"/>.</summary>
    internal void Attach(LivePackager packager) => _packagers.TryAdd(packager, 0);

    /// <summary>Stops observing <paramref name="packager"/>; its series leave at the next scrape.</summary>
    internal void Detach(LivePackager packager) => _packagers.TryRemove(packager, out _);

    private void Scrape()
    {
        lock (_gate)
        {
            foreach (var track in _packagers.Keys.SelectMany(p => p.GetStatus().Tracks))
            {
                _scraped.Counter(_segments, track.SegmentsPublished, track.Id);
                _scraped.Counter(_bytes, track.BytesPublished, track.Id);
                _scraped.Counter(_dropped, track.DroppedPackets, track.Id);
                _scraped.Counter(_discarded, track.DiscardedPackets, track.Id);
                _scraped.Counter(_failures, track.Failures, track.Id);
                _scraped.Counter(_overlong, track.OverlongSegments, track.Id);
                _scraped.Gauge(_queueDepth, track.QueueDepth, track.Id);
                _scraped.Gauge(_lastDuration, track.LastSegmentDuration, track.Id);
                _scraped.Gauge(_degraded, track.Degraded ? 1 : 0, track.Id);
            }

            _scraped.Flush();
        }
    }
}
