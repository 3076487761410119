using Ladder.Api.Pipeline;
using Ladder.Api.V1Alpha1;

namespace Ladder.Pipeline.Packaging;

/// <summary>The part of a <see cref="PipelineSpec"/> the packager follows, with the numbers derived from it.</summary>
internal sealed record PackagingSettings
{
    /// <summary>
    /// Seconds added to every timestamp before muxing, so that the first decode timestamps of a track (negative by the
    /// encoder's reorder delay, or by AAC priming) still give a non-negative <c>tfdt</c> (ISO/IEC 14496-12 section
    /// 8.8.12). The DASH <c>presentationTimeOffset</c> takes it back out.
    /// </summary>
    public const int MediaTimeOffset = 10;

    /// <summary>The id of the shared audio track (<see cref="Media.TrackInfo.Id"/>).</summary>
    public const string AudioTrackId = "audio";

    /// <summary>Target segment duration in seconds.</summary>
    public required double SegmentDuration { get; init; }

    /// <summary>Whether HLS playlists are published.</summary>
    public required bool HlsEnabled { get; init; }

    /// <summary>Segments per HLS media playlist.</summary>
    public required int HlsWindow { get; init; }

    /// <summary>Whether HLS variants are MPEG-TS (true) or CMAF (false).</summary>
    public required bool HlsTransportStream { get; init; }

    /// <summary>The Low-Latency HLS part target duration in seconds (<c>EXT-X-PART-INF:PART-TARGET</c>); 0 without parts.</summary>
    public double PartTargetDuration { get; init; }

    /// <summary>Whether HLS media playlists list parts (Low-Latency HLS, RFC 8216bis): CMAF HLS with a part target.</summary>
    public bool LowLatency => HlsEnabled && !HlsTransportStream && PartTargetDuration > 0;

    /// <summary>
    /// Closed segments whose parts are kept: those within three target durations of the playlist's end (RFC 8216bis
    /// section 6.2.2 lists parts only there) and one more for players holding the playlist before; 0 without parts.
    /// </summary>
    public int PartSegments => LowLatency ? (int)Math.Ceiling(3 * TargetDuration / SegmentDuration) + 1 : 0;

    /// <summary>Whether the DASH manifest is published.</summary>
    public required bool DashEnabled { get; init; }

    /// <summary>The low-latency DASH chunk duration in seconds; 0 when low-latency DASH is off.</summary>
    public double DashChunkDuration { get; init; }

    /// <summary>The low-latency DASH latency target in seconds (<c>ServiceDescription/Latency@target</c>); 0 when low-latency DASH is off.</summary>
    public double DashTargetLatency { get; init; }

    /// <summary>Whether the DASH manifest announces segments as their chunks are made (low-latency DASH).</summary>
    public bool DashLowLatency => DashEnabled && DashChunkDuration > 0;

    /// <summary>
    /// The CMAF chunk duration the segmenter cuts on, in seconds: the Low-Latency HLS part target, else the
    /// low-latency DASH chunk duration (the two are equal when both are on: one set of chunks serves both); 0 for whole
    /// segments only.
    /// </summary>
    public double ChunkDuration => LowLatency ? PartTargetDuration : DashLowLatency ? DashChunkDuration : 0;

    /// <summary>Segments in the DASH time-shift buffer.</summary>
    public required int DashWindow { get; init; }

    /// <summary>The video renditions in master playlist order (the ladder, top first).</summary>
    public required IReadOnlyList<string> Renditions { get; init; }

    /// <summary>Whether CMAF segments are made: for HLS in fmp4 and for DASH.</summary>
    public bool Cmaf => DashEnabled || (HlsEnabled && !HlsTransportStream);

    /// <summary>Whether anything is packaged: tracks are cut into segments for HLS (either container) or DASH.</summary>
    public bool Segmenting => HlsEnabled || DashEnabled;

    /// <summary>Whether HLS is published as MPEG-TS renditions (video with the audio muxed in).</summary>
    public bool Ts => HlsEnabled && HlsTransportStream;

    /// <summary>
    /// <c>EXT-X-TARGETDURATION</c> (RFC 8216 section 4.3.3.1): the segment duration rounded to the nearest second,
    /// fixed for the life of the playlists; segments are cut within a frame of the segment duration, so every
    /// rounded <c>EXTINF</c> stays at or below it.
    /// </summary>
    public int TargetDuration => Math.Max(1, (int)Math.Round(SegmentDuration, MidpointRounding.AwayFromZero));

    /// <summary>
    /// Media segments kept per track: the longest window, plus as many again and one while they stay fetchable after
    /// leaving the playlist (RFC 8216 section 6.2.2: for the segment's duration plus the playlist's).
    /// </summary>
    public int RetainedSegments => (2 * Math.Max(HlsEnabled ? HlsWindow : 0, DashEnabled ? DashWindow : 0)) + 1;

    /// <summary>Reads the settings of <paramref name="spec"/>.</summary>
    /// <param name="spec">The pipeline.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentException">A rendition is named <c>audio</c>, or an enabled output has a zero duration or window.</exception>
    public static PackagingSettings From(PipelineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var hls = spec.Outputs.Hls;
        var dash = spec.Outputs.Dash;
        var duration = hls.Enabled ? hls.SegmentDuration.TotalSeconds : dash.SegmentDuration.TotalSeconds;
        if ((hls.Enabled || dash.Enabled) && duration <= 0)
        {
            throw new ArgumentException("outputs.hls.segmentDuration (or outputs.dash.segmentDuration) must be positive, e.g. 2s.", nameof(spec));
        }

        if ((hls.Enabled && hls.Window < 1) || (dash.Enabled && dash.Window < 1))
        {
            throw new ArgumentException("outputs.hls.window and outputs.dash.window must be at least 1 segment.", nameof(spec));
        }

        var renditions = spec.Video.Renditions.Select(r => r.Name).ToArray();
        if (renditions.Contains(AudioTrackId, StringComparer.Ordinal))
        {
            throw new ArgumentException($"A rendition is named '{AudioTrackId}', which the packager uses for the shared audio track; rename it.", nameof(spec));
        }

        return new PackagingSettings
        {
            SegmentDuration = duration,
            HlsEnabled = hls.Enabled,
            HlsWindow = hls.Window,
            HlsTransportStream = hls.Container == HlsContainer.Ts,
            PartTargetDuration = hls.Enabled && hls.LowLatency is { } lowLatency ? lowLatency.PartTargetDuration.TotalSeconds : 0,
            DashEnabled = dash.Enabled,
            DashChunkDuration = dash.Enabled && dash.LowLatency is { } dashLowLatency ? dashLowLatency.ChunkDuration.TotalSeconds : 0,
            DashTargetLatency = dash.Enabled && dash.LowLatency is { } target ? target.TargetLatency.TotalSeconds : 0,
            DashWindow = dash.Window,
            Renditions = renditions,
        };
    }
}
