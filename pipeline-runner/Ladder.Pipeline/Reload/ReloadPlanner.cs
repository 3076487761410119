using Ladder.Api.Runner;

namespace Ladder.Pipeline.Reload;

/// <summary>
/// Turns a <see cref="PipelineDiff"/> into a <see cref="ReloadPlan"/>: which stages (named by <see cref="StageNames"/>)
/// start, stop, restart or keep running. Pure. Rules: a topology change restarts everything; otherwise a changed input
/// restarts only its ingest, a changed rendition only its encoder, a changed audio setting only <c>audio</c>, changed
/// HLS/DASH settings only that packager, a changed push target only its push; adding or removing a rendition keeps the
/// packagers (their playlists are updated in place), input order and failover timings are applied live. Every stage of
/// the old and the new spec is in exactly one list, in pipeline order.
/// </summary>
public static class ReloadPlanner
{
    /// <summary>Plans the reload from <see cref="PipelineDiff.Previous"/> to <see cref="PipelineDiff.Next"/>.</summary>
    /// <param name="diff">The changes, from <see cref="PipelineDiff.Compute"/>.</param>
    /// <returns>The plan; <see cref="ReloadPlan.AppliedAt"/> is null (set when applied).</returns>
    public static ReloadPlan Plan(PipelineDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var before = StageNames.Of(diff.Previous);
        var after = StageNames.Of(diff.Next);
        var existed = new HashSet<string>(before, StringComparer.Ordinal);
        var exists = new HashSet<string>(after, StringComparer.Ordinal);
        var restart = diff.RequiresFullRestart ? exists : MustRestart(diff);
        var started = after.Where(s => !existed.Contains(s)).ToList();
        var stopped = before.Where(s => !exists.Contains(s)).ToList();
        var restarted = after.Where(s => existed.Contains(s) && restart.Contains(s)).ToList();
        var kept = after.Where(s => existed.Contains(s) && !restart.Contains(s)).ToList();
        return new ReloadPlan
        {
            PipelineGeneration = diff.Next.Generation,
            PreviousGeneration = diff.Previous.Generation,
            Started = started,
            Stopped = stopped,
            Restarted = restarted,
            Kept = kept,
        };
    }

    /// <summary>Shorthand for <c>Plan(PipelineDiff.Compute(previous, next))</c>.</summary>
    /// <param name="previous">The running spec.</param>
    /// <param name="next">The spec to apply.</param>
    /// <returns>The plan.</returns>
    public static ReloadPlan Plan(Ladder.Api.Pipeline.PipelineSpec previous, Ladder.Api.Pipeline.PipelineSpec next) =>
        Plan(PipelineDiff.Compute(previous, next));

    private static HashSet<string> MustRestart(PipelineDiff diff)
    {
        var restart = new HashSet<string>(StringComparer.Ordinal);
        restart.UnionWith(diff.Inputs.Changed.Select(StageNames.Ingest));
        restart.UnionWith(diff.Renditions.Changed.Select(StageNames.Encode));
        restart.UnionWith(diff.Push.Changed.Select(StageNames.Push));
        if (diff.AudioChanged)
        {
            restart.Add(StageNames.Audio);
        }

        // Enabling or disabling shows as started/stopped; a changed setting of a running packager restarts it.
        if (diff.HlsChanged)
        {
            restart.Add(StageNames.Hls);
        }

        if (diff.DashChanged)
        {
            restart.Add(StageNames.Dash);
        }

        return restart;
    }
}
