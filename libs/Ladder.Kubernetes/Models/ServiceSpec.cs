using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// The spec of a <see cref="Service"/>.
/// </summary>
public sealed class ServiceSpec
{
    /// <summary><c>ClusterIP</c> (default), <c>NodePort</c>, <c>LoadBalancer</c> or <c>ExternalName</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Labels of the pods that receive traffic.</summary>
    public IDictionary<string, string>? Selector { get; set; }

    /// <summary>The exposed ports.</summary>
    public IList<ServicePort>? Ports { get; set; }

    /// <summary>The allocated cluster IP, or <c>None</c> for a headless service.</summary>
    public string? ClusterIP { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
