using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// An environment variable of a <see cref="Container"/>.
/// </summary>
public sealed class EnvVar
{
    /// <summary>The variable name.</summary>
    public string? Name { get; set; }

    /// <summary>The literal value; <c>$(VAR)</c> references are expanded by the kubelet.</summary>
    public string? Value { get; set; }

    /// <summary>A source (fieldRef, secretKeyRef, ...), as sent.</summary>
    public JsonElement? ValueFrom { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
