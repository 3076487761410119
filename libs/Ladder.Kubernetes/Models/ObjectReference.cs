using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// A reference to an object (<c>core/v1 ObjectReference</c>), as used by events.
/// </summary>
public sealed class ObjectReference
{
    /// <summary>The referent's apiVersion.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>The referent's kind.</summary>
    public string? Kind { get; set; }

    /// <summary>The referent's name.</summary>
    public string? Name { get; set; }

    /// <summary>The referent's namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>The referent's uid.</summary>
    public string? Uid { get; set; }

    /// <summary>The referent's resourceVersion the event refers to.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>A field inside the referent, e.g. <c>spec.containers{web}</c>.</summary>
    public string? FieldPath { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
