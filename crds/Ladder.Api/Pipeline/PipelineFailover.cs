using Ladder.Api.Primitives;

namespace Ladder.Api.Pipeline;

/// <summary>Input switching timings.</summary>
/// <param name="InputTimeout">No packets for this long fails over to the next input.</param>
/// <param name="FailbackDelay">A higher-priority input must be healthy this long before switching back.</param>
public sealed record PipelineFailover(Duration InputTimeout, Duration FailbackDelay);
