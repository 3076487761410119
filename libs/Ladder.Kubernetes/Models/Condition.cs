using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// One aspect of an object's current state (<c>metav1.Condition</c>, apimachinery
/// <c>pkg/apis/meta/v1/types.go</c>), as listed in <c>status.conditions</c> keyed on <see cref="Type"/>.
/// </summary>
public sealed class Condition
{
    /// <summary>The condition type in CamelCase, e.g. <c>Ready</c>, <c>Reconciling</c>, <c>Stalled</c>.</summary>
    public required string Type { get; set; }

    /// <summary>One of <see cref="ConditionStatus.True"/>, <see cref="ConditionStatus.False"/>, <see cref="ConditionStatus.Unknown"/>.</summary>
    public required string Status { get; set; }

    /// <summary>The <c>metadata.generation</c> the condition was computed from.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>When <see cref="Status"/> last changed (not when the condition was last written).</summary>
    public DateTimeOffset LastTransitionTime { get; set; }

    /// <summary>A CamelCase, machine-readable reason for the last transition, e.g. <c>ProfileNotFound</c>.</summary>
    public required string Reason { get; set; }

    /// <summary>A human-readable message with details; may be empty.</summary>
    public string Message { get; set; } = "";

    /// <summary>Fields this model does not declare (e.g. a Deployment condition's <c>lastUpdateTime</c>), kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
