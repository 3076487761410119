using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Runner;

/// <summary>One switch between inputs (<see cref="RunnerStatus.RecentFailovers"/>).</summary>
public sealed record RunnerFailover
{
    /// <summary>When the switch happened (UTC, RFC 3339).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The input switched from; null for the first input chosen at start.</summary>
    public string? From { get; init; }

    /// <summary>The input switched to.</summary>
    public required string To { get; init; }

    /// <summary>Why: <c>timeout</c>, <c>error</c>, <c>manual</c> or <c>failback</c>.</summary>
    public required FailoverReason Reason { get; init; }

    /// <summary>Details, e.g. the input's error text (secrets masked); null when none.</summary>
    public string? Message { get; init; }
}
