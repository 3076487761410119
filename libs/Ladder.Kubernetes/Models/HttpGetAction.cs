using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// The HTTP GET handler of a <see cref="Probe"/>.
/// </summary>
public sealed class HttpGetAction
{
    /// <summary>The request path, e.g. <c>/healthz</c>.</summary>
    public string? Path { get; set; }

    /// <summary>The port, by number or by container port name.</summary>
    public IntOrString? Port { get; set; }

    /// <summary><c>HTTP</c> (default) or <c>HTTPS</c>.</summary>
    public string? Scheme { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
