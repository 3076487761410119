using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>One switch between inputs.</summary>
public sealed class FailoverEvent
{
    /// <summary>When the switch happened.</summary>
    public DateTimeOffset? Time { get; set; }

    /// <summary>Input switched from (empty at start).</summary>
    [MaxLength(32)]
    public string? From { get; set; }

    /// <summary>Input switched to.</summary>
    [MaxLength(32)]
    public string? To { get; set; }

    /// <summary>timeout, error, manual or failback.</summary>
    public FailoverReason? Reason { get; set; }

    /// <summary>Details, e.g. the error text.</summary>
    [MaxLength(1024)]
    public string? Message { get; set; }
}
