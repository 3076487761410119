using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// A port a <see cref="Container"/> listens on.
/// </summary>
public sealed class ContainerPort
{
    /// <summary>An IANA_SVC_NAME, referenced by services and probes.</summary>
    public string? Name { get; set; }

    /// <summary>The port number, 1 to 65535 (the wire field <c>containerPort</c>).</summary>
    [JsonPropertyName("containerPort")]
    public int Port { get; set; }

    /// <summary><c>TCP</c> (default), <c>UDP</c> or <c>SCTP</c>.</summary>
    public string? Protocol { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
