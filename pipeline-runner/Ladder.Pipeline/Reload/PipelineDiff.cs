using Ladder.Api.Pipeline;

namespace Ladder.Pipeline.Reload;

/// <summary>
/// What differs between the running PipelineSpec and a new one, sorted into the categories a reload acts on: shared
/// settings (the stream, the settings every encoder shares), inputs, failover timings, renditions, audio and outputs
/// (HLS, DASH, push targets). It only describes; <see cref="ReloadPlanner"/> alone decides what each change does. Pure: <see cref="Compute"/> only compares values (the spec records have value equality), so
/// re-applying the same spec, or a spec that differs only in <see cref="PipelineSpec.Generation"/>, yields an empty diff
/// ("no phantom restart"). Follows open-streamer's <c>internal/coordinator/diff.go</c>.
/// </summary>
public sealed record PipelineDiff
{
    /// <summary>The running spec.</summary>
    public required PipelineSpec Previous { get; init; }

    /// <summary>The spec to apply.</summary>
    public required PipelineSpec Next { get; init; }

    /// <summary>
    /// Changed settings that are not one input's, rendition's or output's: <c>stream</c>, <c>paused</c>, and the video
    /// settings every encoder shares, <c>video.codec</c>, <c>video.hardware</c>, <c>video.encoder</c>,
    /// <c>video.preset</c>, <c>video.gopSeconds</c>, and <c>video.renditions[].passthrough</c> when a passthrough
    /// rendition appears or goes away (the keyframe schedule switches between source keyframes and a fixed GOP).
    /// Field paths in the spec's JSON names, in that order.
    /// </summary>
    public IReadOnlyList<string> Shared { get; init; } = [];

    /// <summary>Inputs added, removed or changed (URL, protocol, mode, options, key); matched by name.</summary>
    public NamedChanges Inputs { get; init; } = NamedChanges.None;

    /// <summary>True when the inputs' priority order changed (the same names in a different order).</summary>
    public bool InputOrderChanged { get; init; }

    /// <summary>True when <c>failover.inputTimeout</c> or <c>failover.failbackDelay</c> changed; applied live, nothing restarts.</summary>
    public bool FailoverChanged { get; init; }

    /// <summary>Renditions added, removed or changed (size, fps, bitrate, profile, level); matched by name.</summary>
    public NamedChanges Renditions { get; init; } = NamedChanges.None;

    /// <summary>True when the ladder's order changed (the master playlist lists renditions top first).</summary>
    public bool RenditionOrderChanged { get; init; }

    /// <summary>True when any audio setting changed (codec, encoder, bitrate, channels, sample rate).</summary>
    public bool AudioChanged { get; init; }

    /// <summary>True when any HLS setting changed (enabled, segment duration, window, container).</summary>
    public bool HlsChanged { get; init; }

    /// <summary>True when any DASH setting changed (enabled, segment duration, window).</summary>
    public bool DashChanged { get; init; }

    /// <summary>Push targets added, removed or changed (URL, protocol, rendition, options, key); matched by name.</summary>
    public NamedChanges Push { get; init; } = NamedChanges.None;

    /// <summary>True when the two specs describe the same pipeline (the generation aside).</summary>
    public bool IsEmpty =>
        Shared.Count == 0 && Inputs.IsEmpty && !InputOrderChanged && !FailoverChanged && Renditions.IsEmpty && !RenditionOrderChanged
        && !AudioChanged && !HlsChanged && !DashChanged && Push.IsEmpty;

    /// <summary>Compares <paramref name="previous"/> with <paramref name="next"/>; pure, never throws on valid specs.</summary>
    /// <param name="previous">The running spec.</param>
    /// <param name="next">The spec to apply.</param>
    /// <returns>The categorized changes.</returns>
    public static PipelineDiff Compute(PipelineSpec previous, PipelineSpec next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        var shared = new List<string>();
        if (previous.Stream != next.Stream)
        {
            shared.Add("stream");
        }

        if (previous.Paused != next.Paused)
        {
            shared.Add("paused");
        }

        var (oldVideo, newVideo) = (previous.Video, next.Video);
        AddIf(shared, oldVideo.Codec != newVideo.Codec, "video.codec");
        AddIf(shared, oldVideo.Hardware != newVideo.Hardware, "video.hardware");
        AddIf(shared, !string.Equals(oldVideo.Encoder, newVideo.Encoder, StringComparison.Ordinal), "video.encoder");
        AddIf(shared, !string.Equals(oldVideo.Preset, newVideo.Preset, StringComparison.Ordinal), "video.preset");
        AddIf(shared, oldVideo.GopSeconds != newVideo.GopSeconds, "video.gopSeconds");
        AddIf(
            shared,
            oldVideo.Renditions.Any(r => r.Passthrough) != newVideo.Renditions.Any(r => r.Passthrough),
            "video.renditions[].passthrough");

        var inputs = NamedChanges.Compare(previous.Inputs, next.Inputs, i => i.Name);
        var renditions = NamedChanges.Compare(oldVideo.Renditions, newVideo.Renditions, r => r.Name);
        return new PipelineDiff
        {
            Previous = previous,
            Next = next,
            Shared = shared,
            Inputs = inputs,
            InputOrderChanged = OrderChanged(previous.Inputs.Select(i => i.Name), next.Inputs.Select(i => i.Name)),
            FailoverChanged = previous.Failover != next.Failover,
            Renditions = renditions,
            RenditionOrderChanged = OrderChanged(oldVideo.Renditions.Select(r => r.Name), newVideo.Renditions.Select(r => r.Name)),
            AudioChanged = previous.Audio != next.Audio,
            HlsChanged = previous.Outputs.Hls != next.Outputs.Hls,
            DashChanged = previous.Outputs.Dash != next.Outputs.Dash,
            Push = NamedChanges.Compare(previous.Outputs.Push, next.Outputs.Push, p => p.Name),
        };
    }

    private static void AddIf(List<string> fields, bool condition, string field)
    {
        if (condition)
        {
            fields.Add(field);
        }
    }

    /// <summary>True when the names both lists share appear in a different relative order.</summary>
    private static bool OrderChanged(IEnumerable<string> previous, IEnumerable<string> next)
    {
        var nextList = next.ToList();
        var shared = new HashSet<string>(nextList, StringComparer.Ordinal);
        var oldOrder = previous.Where(shared.Contains).ToList();
        var kept = new HashSet<string>(oldOrder, StringComparer.Ordinal);
        return !oldOrder.SequenceEqual(nextList.Where(kept.Contains), StringComparer.Ordinal);
    }
}
