using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// The names of a custom resource.
/// </summary>
public sealed class CustomResourceDefinitionNames
{
    /// <summary>The plural resource name used in URLs, e.g. <c>widgets</c>.</summary>
    public string? Plural { get; set; }

    /// <summary>The singular name, e.g. <c>widget</c>.</summary>
    public string? Singular { get; set; }

    /// <summary>The kind, e.g. <c>Widget</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>The list kind, e.g. <c>WidgetList</c>.</summary>
    public string? ListKind { get; set; }

    /// <summary>Short names for kubectl, e.g. <c>wg</c>.</summary>
    public IList<string>? ShortNames { get; set; }

    /// <summary>Categories such as <c>all</c>.</summary>
    public IList<string>? Categories { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
