using Ladder.Api.Primitives;
using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>Compute resources (core/v1 ResourceRequirements, requests and limits).</summary>
public sealed class ResourceRequirements
{
    /// <summary>Guaranteed amounts, e.g. cpu: "2", memory: 1Gi.</summary>
    [MaxProperties(16)]
    public IDictionary<string, ResourceQuantity>? Requests { get; set; }

    /// <summary>Maximum amounts, e.g. memory: 2Gi, nvidia.com/gpu: 1.</summary>
    [MaxProperties(16)]
    public IDictionary<string, ResourceQuantity>? Limits { get; set; }
}
