using Ladder.Api.Pipeline;
using Ladder.Api.Runner;
using Ladder.Api.Validation;

namespace Ladder.Pipeline.Reload;

/// <summary>
/// The one place that decides what a reload does. <see cref="Refusals"/> names what cannot change on a live stream;
/// <see cref="Plan(PipelineDiff)"/> gives every stage of the old and the new spec (named by <see cref="StageNames"/>) exactly one
/// action: start, stop, restart (a new instance), update in place, or keep. The pipeline, the packager and the push
/// outputs carry out that plan and decide nothing themselves. Pure.
/// </summary>
/// <remarks>
/// Rules: a changed input restarts its reader, an added one starts, a removed one stops, new priorities or failover
/// timings update the input switch; a changed rendition restarts its encoder, and a change of a setting every encoder
/// shares (codec, encoder, preset, GOP) restarts every transcoding encoder, all on one segment boundary; a changed audio
/// setting restarts <c>audio</c>; HLS or DASH switched on or off starts or stops that packager, its other settings
/// (window) and the ladder (renditions added, removed or reordered) update it; a changed push target restarts its push. Pausing only matters to the
/// operator, which scales the runner away: the pipeline keeps running.
/// </remarks>
public static class ReloadPlanner
{
    /// <summary>
    /// The changes in <paramref name="diff"/> that a running stream cannot take, each with the field (JSON path from
    /// <c>spec.</c>) and why, for a 422: another stream; a new hardware device; a passthrough rendition appearing or going
    /// away, or the last transcoded rendition (the keyframe schedule and the decoder's existence change); the segment
    /// duration, on which <c>EXT-X-TARGETDURATION</c> and the time-based media sequence numbers rest (RFC 8216 section
    /// 6.2.1: the target duration must not change); MPEG-TS HLS switched on or off or to fMP4 (the playlists'
    /// version and segment URIs change), and DASH switched on or off beside it.
    /// </summary>
    /// <param name="diff">The changes, from <see cref="PipelineDiff.Compute"/>.</param>
    /// <returns>The refused fields; empty when the reload can go ahead.</returns>
    public static IReadOnlyList<FieldError> Refusals(PipelineDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var (previous, next) = (diff.Previous, diff.Next);
        var refused = new List<FieldError>();
        if (diff.Shared.Contains("stream"))
        {
            refused.Add(new FieldError("spec.stream", $"a runner serves one stream ({previous.Stream}); start another runner for {next.Stream}"));
        }

        if (diff.Shared.Contains("video.hardware"))
        {
            refused.Add(new FieldError("spec.video.hardware", "the hardware device cannot change on a live stream; restart the runner"));
        }

        if (diff.Shared.Contains("video.renditions[].passthrough")
            || previous.Video.Renditions.Any(r => !r.Passthrough) != next.Video.Renditions.Any(r => !r.Passthrough))
        {
            refused.Add(new FieldError("spec.video.renditions", "a passthrough rendition cannot appear or go away, nor the last transcoded one, on a live stream: the keyframe schedule of every rendition would change; restart the runner"));
        }

        if (SegmentDuration(previous) != SegmentDuration(next))
        {
            var field = next.Outputs.Hls.Enabled ? "spec.outputs.hls.segmentDuration" : "spec.outputs.dash.segmentDuration";
            refused.Add(new FieldError(field, $"the segment duration cannot change from {SegmentDuration(previous)} s to {SegmentDuration(next)} s on a live stream: EXT-X-TARGETDURATION must not change (RFC 8216 section 6.2.1); restart the runner"));
        }

        if (TransportStream(previous) != TransportStream(next))
        {
            refused.Add(new FieldError("spec.outputs.hls.container", "MPEG-TS HLS cannot be switched on or off on a live stream: the playlists' version and segment URIs would change; restart the runner"));
        }
        else if (TransportStream(next) && previous.Outputs.Dash.Enabled != next.Outputs.Dash.Enabled)
        {
            refused.Add(new FieldError("spec.outputs.dash.enabled", "DASH cannot be switched on or off beside MPEG-TS HLS on a live stream (the CMAF segments DASH needs are made only with it); restart the runner"));
        }

        if (PartTarget(previous) != PartTarget(next))
        {
            refused.Add(new FieldError("spec.outputs.hls.lowLatency", "low-latency HLS cannot be switched on or off, nor its part target changed, on a live stream: segments are cut into parts from their first frame; restart the runner"));
        }
        else if (DashChunk(previous) != DashChunk(next))
        {
            refused.Add(new FieldError("spec.outputs.dash.lowLatency", "low-latency DASH cannot be switched on or off, nor its chunk duration changed, on a live stream: segments are cut into chunks from their first frame; restart the runner"));
        }

        return refused;
    }

    /// <summary>Plans the reload from <see cref="PipelineDiff.Previous"/> to <see cref="PipelineDiff.Next"/>.</summary>
    /// <param name="diff">The changes, from <see cref="PipelineDiff.Compute"/>; <see cref="Refusals"/> must be empty.</param>
    /// <returns>The plan; <see cref="ReloadPlan.AppliedAt"/> is null (set when applied).</returns>
    /// <exception cref="ArgumentException"><see cref="Refusals"/> is not empty for <paramref name="diff"/>.</exception>
    public static ReloadPlan Plan(PipelineDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        if (Refusals(diff) is [var first, ..])
        {
            throw new ArgumentException($"{first.Path}: {first.Message}", nameof(diff));
        }

        var before = StageNames.Of(diff.Previous);
        var after = StageNames.Of(diff.Next);
        var existed = new HashSet<string>(before, StringComparer.Ordinal);
        var exists = new HashSet<string>(after, StringComparer.Ordinal);
        var restart = MustRestart(diff);
        var update = MustUpdate(diff);
        var kept = after.Where(s => existed.Contains(s) && !restart.Contains(s)).ToList();
        return new ReloadPlan
        {
            PipelineGeneration = diff.Next.Generation,
            PreviousGeneration = diff.Previous.Generation,
            Started = [.. after.Where(s => !existed.Contains(s))],
            Stopped = [.. before.Where(s => !exists.Contains(s))],
            Restarted = [.. after.Where(s => existed.Contains(s) && restart.Contains(s))],
            Updated = [.. kept.Where(update.Contains)],
            Kept = [.. kept.Where(s => !update.Contains(s))],
        };
    }

    /// <summary>Shorthand for <c>Plan(PipelineDiff.Compute(previous, next))</c>.</summary>
    /// <param name="previous">The running spec.</param>
    /// <param name="next">The spec to apply.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException">The change is refused (<see cref="Refusals"/>).</exception>
    public static ReloadPlan Plan(PipelineSpec previous, PipelineSpec next) => Plan(PipelineDiff.Compute(previous, next));

    /// <summary>The segment duration the packager cuts on, in seconds: HLS's while HLS is on, otherwise DASH's; 0 when neither is.</summary>
    private static double SegmentDuration(PipelineSpec spec) => spec.Outputs.Hls.Enabled
        ? spec.Outputs.Hls.SegmentDuration.TotalSeconds
        : spec.Outputs.Dash.Enabled ? spec.Outputs.Dash.SegmentDuration.TotalSeconds : 0;

    /// <summary>The Low-Latency HLS part target the packager cuts parts on, in seconds; 0 without parts.</summary>
    private static double PartTarget(PipelineSpec spec) =>
        spec.Outputs.Hls is { Enabled: true, LowLatency: { } lowLatency } && !TransportStream(spec) ? lowLatency.PartTargetDuration.TotalSeconds : 0;

    /// <summary>The low-latency DASH chunk duration in seconds; 0 without low-latency DASH (its latency target alone may change live).</summary>
    private static double DashChunk(PipelineSpec spec) =>
        spec.Outputs.Dash is { Enabled: true, LowLatency: { } lowLatency } ? lowLatency.ChunkDuration.TotalSeconds : 0;

    private static bool TransportStream(PipelineSpec spec) => spec.Outputs.Hls.Enabled && spec.Outputs.Hls.Container == Ladder.Api.V1Alpha1.HlsContainer.Ts;

    private static HashSet<string> MustRestart(PipelineDiff diff)
    {
        var restart = new HashSet<string>(StringComparer.Ordinal);
        restart.UnionWith(diff.Inputs.Changed.Select(StageNames.Ingest));
        restart.UnionWith(diff.Renditions.Changed.Select(StageNames.Encode));
        restart.UnionWith(diff.Push.Changed.Select(StageNames.Push));
        if (diff.Shared.Any(f => f.StartsWith("video.", StringComparison.Ordinal)))
        {
            restart.UnionWith(diff.Next.Video.Renditions.Where(r => !r.Passthrough).Select(r => StageNames.Encode(r.Name)));
        }

        if (diff.AudioChanged)
        {
            restart.Add(StageNames.Audio);
        }

        return restart;
    }

    private static HashSet<string> MustUpdate(PipelineDiff diff)
    {
        var update = new HashSet<string>(StringComparer.Ordinal);
        if (diff.InputOrderChanged || diff.FailoverChanged)
        {
            update.Add(StageNames.InputSwitch);
        }

        // The master playlist and the MPD list the ladder, in order; the window is the packager's own setting.
        var ladder = diff.RenditionOrderChanged || diff.Renditions.Added.Count > 0 || diff.Renditions.Removed.Count > 0;
        if (diff.HlsChanged || ladder)
        {
            update.Add(StageNames.Hls);
        }

        if (diff.DashChanged || ladder)
        {
            update.Add(StageNames.Dash);
        }

        return update;
    }
}
