using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// A label selector (<c>metav1.LabelSelector</c>); the requirements are ANDed.
/// </summary>
public sealed class LabelSelector
{
    /// <summary>Labels that must all match exactly.</summary>
    public IDictionary<string, string>? MatchLabels { get; set; }

    /// <summary>Set-based requirements (key, operator, values), as sent.</summary>
    public JsonElement? MatchExpressions { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
