using Ladder.Api.Runner;

namespace Ladder.Operator.Runner;

/// <summary>What one <c>GET /v1/status</c> answered.</summary>
/// <param name="Status">The runner's status.</param>
/// <param name="ETag">Its weak entity tag (<see cref="RunnerStatusETag"/>), or null from a runner that sends none.</param>
public sealed record RunnerStatusRead(RunnerStatus Status, string? ETag);
