using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// One port of a <see cref="ServiceSpec"/>.
/// </summary>
public sealed class ServicePort
{
    /// <summary>The port name; required when there are several ports.</summary>
    public string? Name { get; set; }

    /// <summary>The port the service exposes.</summary>
    public int Port { get; set; }

    /// <summary>The pod port, by number or by container port name.</summary>
    public IntOrString? TargetPort { get; set; }

    /// <summary><c>TCP</c> (default), <c>UDP</c> or <c>SCTP</c>.</summary>
    public string? Protocol { get; set; }

    /// <summary>The node port for NodePort and LoadBalancer services.</summary>
    public int? NodePort { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
