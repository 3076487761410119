namespace Ladder.Api.Runner;

/// <summary>One input as the runner sees it (<see cref="RunnerStatus.Inputs"/>).</summary>
public sealed record RunnerInputStatus
{
    /// <summary>The input's name from the spec.</summary>
    public required string Name { get; init; }

    /// <summary>True while the input delivers packets (the last one is younger than the failover input timeout).</summary>
    public required bool Healthy { get; init; }

    /// <summary>True for the input being read now.</summary>
    public bool Active { get; init; }

    /// <summary>When the last packet arrived (UTC, RFC 3339), or null when none ever did.</summary>
    public DateTimeOffset? LastPacketTime { get; init; }

    /// <summary>Input bitrate measured over the last seconds, bits per second; null when not measured.</summary>
    public long? Bitrate { get; init; }

    /// <summary>Why the input is unhealthy (connection refused, demux error, timeout), secrets masked; null when healthy.</summary>
    public string? Message { get; init; }
}
