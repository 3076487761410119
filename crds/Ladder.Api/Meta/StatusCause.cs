using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Api.Meta;

/// <summary>
/// One cause of a failure (<c>metav1.StatusCause</c>), e.g. an invalid field or a server-side apply conflict.
/// </summary>
public sealed class StatusCause
{
    /// <summary>Machine-readable reason, e.g. <c>FieldValueRequired</c>, <c>FieldValueNotSupported</c>, <c>FieldManagerConflict</c>.</summary>
    public string? Reason { get; set; }

    /// <summary>A human-readable description of the cause.</summary>
    public string? Message { get; set; }

    /// <summary>The field path, e.g. <c>spec.size</c> or <c>.spec.size</c> for apply conflicts; may be empty.</summary>
    public string? Field { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
