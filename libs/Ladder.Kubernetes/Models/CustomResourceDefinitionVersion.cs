using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// One version of a custom resource.
/// </summary>
public sealed class CustomResourceDefinitionVersion
{
    /// <summary>The version name, e.g. <c>v1alpha1</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Whether the API server serves this version.</summary>
    public bool Served { get; set; }

    /// <summary>Whether objects are stored in this version; exactly one version is.</summary>
    public bool Storage { get; set; }

    /// <summary>The validation schema (<c>openAPIV3Schema</c>), as sent.</summary>
    public JsonElement? Schema { get; set; }

    /// <summary>The <c>status</c> and <c>scale</c> subresources, as sent.</summary>
    public JsonElement? Subresources { get; set; }

    /// <summary>kubectl columns, as sent.</summary>
    public JsonElement? AdditionalPrinterColumns { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
