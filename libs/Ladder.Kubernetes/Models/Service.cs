using System.Text.Json;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// A core/v1 Service.
/// </summary>
public sealed class Service : KubernetesObject
{
    /// <summary>The desired service: type, selector, ports.</summary>
    public ServiceSpec? Spec { get; set; }

    /// <summary>The observed status (load balancer ingress), read-only here.</summary>
    public JsonElement? Status { get; set; }
}
