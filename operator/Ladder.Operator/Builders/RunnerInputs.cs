using Ladder.Api.Pipeline;
using Ladder.Api.V1Alpha1;

namespace Ladder.Operator.Builders;

/// <summary>
/// What the desired-state builders need for one stream, all resolved already: the LiveStream (metadata, uid), its spec
/// merged over its Template (runner image, resources, scheduling, paused), the resolved PipelineSpec and the admin token.
/// </summary>
/// <param name="Stream">The LiveStream as read from the cluster.</param>
/// <param name="Spec">The stream's spec merged over its Template (<c>TemplateMerger.MergeSpec</c>).</param>
/// <param name="Pipeline">The resolved PipelineSpec, with its final generation.</param>
/// <param name="AdminToken">The runner admin API token kept in the stream's Secret.</param>
internal sealed record RunnerInputs(LiveStream Stream, LiveStreamSpec Spec, PipelineSpec Pipeline, string AdminToken)
{
    /// <summary>True when <c>spec.paused</c> is set (on the stream or its Template).</summary>
    public bool Paused => Spec.Paused ?? false;
}
