using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// A pod condition (<c>core/v1 PodCondition</c>); unlike <see cref="k8s.Models.V1Condition"/>, reason and message are optional.
/// </summary>
public sealed class PodCondition
{
    /// <summary>The condition type, e.g. <c>Ready</c>.</summary>
    public string? Type { get; set; }

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    public string? Status { get; set; }

    /// <summary>Machine-readable reason for the last transition.</summary>
    public string? Reason { get; set; }

    /// <summary>Human-readable details.</summary>
    public string? Message { get; set; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset? LastTransitionTime { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
