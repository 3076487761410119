using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// A toleration of a node taint.
/// </summary>
public sealed class Toleration
{
    /// <summary>The taint key; empty with operator Exists matches every taint.</summary>
    public string? Key { get; set; }

    /// <summary><c>Equal</c> (default) or <c>Exists</c>.</summary>
    public string? Operator { get; set; }

    /// <summary>The taint value for <c>Equal</c>.</summary>
    public string? Value { get; set; }

    /// <summary><c>NoSchedule</c>, <c>PreferNoSchedule</c> or <c>NoExecute</c>; empty matches all.</summary>
    public string? Effect { get; set; }

    /// <summary>For NoExecute: seconds the pod stays bound after the taint appears.</summary>
    public long? TolerationSeconds { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
