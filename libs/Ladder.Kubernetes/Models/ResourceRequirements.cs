using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// Compute resources of a <see cref="Container"/>; quantities are strings such as <c>500m</c> or <c>1Gi</c>.
/// </summary>
public sealed class ResourceRequirements
{
    /// <summary>Resources the scheduler reserves, by resource name (<c>cpu</c>, <c>memory</c>).</summary>
    public IDictionary<string, string>? Requests { get; set; }

    /// <summary>Hard caps, by resource name.</summary>
    public IDictionary<string, string>? Limits { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
