using Ladder.Api.Primitives;

namespace Ladder.Api.Pipeline;

/// <summary>Outputs.</summary>
/// <param name="Hls">HLS settings.</param>
/// <param name="Dash">DASH settings.</param>
/// <param name="Push">Push targets.</param>
public sealed record PipelineOutputs(PipelineHls Hls, PipelineDash Dash, ValueList<PipelinePushTarget> Push);
