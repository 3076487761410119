using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>A toleration (core/v1 Toleration).</summary>
public sealed class Toleration
{
    /// <summary>Taint key; empty with operator Exists matches every taint.</summary>
    [MaxLength(253)]
    public string? Key { get; set; }

    /// <summary>Exists or Equal. Default Equal.</summary>
    [Pattern("^(Exists|Equal)$")]
    [MaxLength(6)]
    public string? Operator { get; set; }

    /// <summary>Taint value for operator Equal.</summary>
    [MaxLength(63)]
    public string? Value { get; set; }

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute; empty matches all effects.</summary>
    [Pattern("^(NoSchedule|PreferNoSchedule|NoExecute)?$")]
    [MaxLength(16)]
    public string? Effect { get; set; }

    /// <summary>For NoExecute: how long the pod stays bound after the taint appears; unset forever.</summary>
    public long? TolerationSeconds { get; set; }
}
