using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ladder.Pipeline.Packaging;

/// <summary>
/// Owns the packager's instruments on the meter <see cref="MeterName"/>, all observed from the
/// <see cref="LivePackager.GetStatus"/> of the packagers attached, per <c>track</c>:
/// <c>ladder_packager_segments_total</c>, <c>ladder_packager_segment_bytes_total</c>,
/// <c>ladder_packager_dropped_packets_total</c> (queue full), <c>ladder_packager_discarded_packets_total</c>
/// (timestamps not increasing, or before the first boundary), <c>ladder_packager_queue_depth</c> and
/// <c>ladder_packager_last_segment_duration</c> (seconds), <c>ladder_packager_failures_total</c> (unexpected errors on
/// the muxing loop, each healed at the next boundary) and <c>ladder_packager_overlong_segments_total</c> (segments
/// ended at the target duration cap for want of a keyframe).
/// </summary>
public sealed class PackagerMetrics
{
    /// <summary>The meter name to select in <c>PrometheusCollectorOptions.AddMeter</c>.</summary>
    public const string MeterName = "Ladder.Pipeline.Packaging";

    private readonly ConcurrentDictionary<LivePackager, byte> _packagers = new();

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The host's meter factory (<c>services.AddMetrics()</c>).</param>
    public PackagerMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("ladder_packager_segments_total", () => Measure(t => t.SegmentsPublished), description: "Media segments published, per track.");
        meter.CreateObservableCounter("ladder_packager_segment_bytes_total", () => Measure(t => t.BytesPublished), description: "Bytes of media segments published, per track.");
        meter.CreateObservableCounter("ladder_packager_dropped_packets_total", () => Measure(t => t.DroppedPackets), description: "Packets dropped because the track's queue was full, per track.");
        meter.CreateObservableCounter("ladder_packager_discarded_packets_total", () => Measure(t => t.DiscardedPackets), description: "Packets left out for non-increasing timestamps or before the first segment boundary, per track.");
        meter.CreateObservableCounter("ladder_packager_failures_total", () => Measure(t => t.Failures), description: "Unexpected errors on the track's muxing loop; each dropped the open segment and restarted the track at the next boundary.");
        meter.CreateObservableCounter("ladder_packager_overlong_segments_total", () => Measure(t => t.OverlongSegments), description: "Segments ended early at the longest duration EXT-X-TARGETDURATION allows, for want of a keyframe, per track.");
        meter.CreateObservableGauge("ladder_packager_queue_depth", () => Measure(t => (long)t.QueueDepth), description: "Packets waiting in the track's queue.");
        meter.CreateObservableGauge("ladder_packager_last_segment_duration", () => Measure(t => t.LastSegmentDuration), "s", "Duration of the track's newest segment.");
    }

    /// <summary>Starts observing <paramref name="packager"/>.</summary>
    internal void Attach(LivePackager packager) => _packagers.TryAdd(packager, 0);

    /// <summary>Stops observing <paramref name="packager"/>.</summary>
    internal void Detach(LivePackager packager) => _packagers.TryRemove(packager, out _);

    private IEnumerable<Measurement<T>> Measure<T>(Func<TrackStatus, T> pick)
        where T : struct =>
        _packagers.Keys.SelectMany(p => p.GetStatus().Tracks)
            .Select(t => new Measurement<T>(pick(t), new KeyValuePair<string, object?>("track", t.Id)));
}
