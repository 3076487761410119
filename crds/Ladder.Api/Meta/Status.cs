using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Ladder.Api.Meta;

/// <summary>
/// The <c>metav1.Status</c> object the API server returns for failures (and some successes, e.g. a DELETE
/// that removed the object): code, reason, message and details (Kubernetes API conventions, "Response Status Kind").
/// </summary>
public sealed class Status
{
    /// <summary>Always <c>v1</c>.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Always <c>Status</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>List metadata; a 410 on an expired <c>continue</c> token carries a new inconsistent continue token here.</summary>
    public V1ListMeta? Metadata { get; set; }

    /// <summary><c>Success</c> or <c>Failure</c> (the wire field <c>status</c>).</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; set; }

    /// <summary>A human-readable description of the outcome.</summary>
    public string? Message { get; set; }

    /// <summary>Machine-readable CamelCase reason, e.g. <c>NotFound</c>, <c>Conflict</c>, <c>Invalid</c>, <c>Expired</c>; see <see cref="StatusReasons"/>.</summary>
    public string? Reason { get; set; }

    /// <summary>The object the status is about and, for <c>Invalid</c> and <c>Conflict</c>, the causes.</summary>
    public StatusDetails? Details { get; set; }

    /// <summary>The HTTP status code this status corresponds to, e.g. 404.</summary>
    public int? Code { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
