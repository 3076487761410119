using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Api.Meta;

/// <summary>
/// Extended data of a <see cref="Status"/> (<c>metav1.StatusDetails</c>): which object, and why.
/// </summary>
public sealed class StatusDetails
{
    /// <summary>The name of the object the status is about, when there is one.</summary>
    public string? Name { get; set; }

    /// <summary>The API group of that object.</summary>
    public string? Group { get; set; }

    /// <summary>The kind (or, for some errors, the plural resource) of that object.</summary>
    public string? Kind { get; set; }

    /// <summary>The uid of that object, when known.</summary>
    public string? Uid { get; set; }

    /// <summary>The individual causes, e.g. one per invalid field or per field manager conflict.</summary>
    public IList<StatusCause>? Causes { get; set; }

    /// <summary>Seconds the client should wait before retrying, when the server suggests it.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
