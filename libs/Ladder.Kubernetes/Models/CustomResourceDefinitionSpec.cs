using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// The spec of a <see cref="CustomResourceDefinition"/>.
/// </summary>
public sealed class CustomResourceDefinitionSpec
{
    /// <summary>The API group, e.g. <c>ladder.dev</c>.</summary>
    public string? Group { get; set; }

    /// <summary>The plural, singular, kind and short names.</summary>
    public CustomResourceDefinitionNames? Names { get; set; }

    /// <summary><c>Namespaced</c> or <c>Cluster</c>.</summary>
    public string? Scope { get; set; }

    /// <summary>The served versions; exactly one is the storage version.</summary>
    public IList<CustomResourceDefinitionVersion>? Versions { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
