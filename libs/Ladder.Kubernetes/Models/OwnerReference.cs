using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// A reference from a dependent object to its owner (<c>metav1.OwnerReference</c>); owner and dependent
/// must be in the same namespace, or the owner cluster-scoped.
/// </summary>
public sealed class OwnerReference
{
    /// <summary>The owner's apiVersion, e.g. <c>ladder.dev/v1alpha1</c>.</summary>
    public required string ApiVersion { get; set; }

    /// <summary>The owner's kind.</summary>
    public required string Kind { get; set; }

    /// <summary>The owner's name.</summary>
    public required string Name { get; set; }

    /// <summary>The owner's uid; a reference with a stale uid is treated as a dangling owner.</summary>
    public required string Uid { get; set; }

    /// <summary>True when this owner is the managing controller; at most one owner may say so.</summary>
    public bool? Controller { get; set; }

    /// <summary>True when foreground deletion of the owner waits for this dependent to be deleted.</summary>
    public bool? BlockOwnerDeletion { get; set; }

    /// <summary>Fields this model does not declare (e.g. a Deployment condition's <c>lastUpdateTime</c>), kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
