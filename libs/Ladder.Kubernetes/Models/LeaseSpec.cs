using System.Text.Json;
using System.Text.Json.Serialization;
using Ladder.Kubernetes.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// The spec of a <see cref="Lease"/>; times are MicroTime (RFC 3339 with microseconds).
/// </summary>
public sealed class LeaseSpec
{
    /// <summary>The identity of the current holder.</summary>
    public string? HolderIdentity { get; set; }

    /// <summary>Seconds candidates wait after <see cref="RenewTime"/> before taking the lease over.</summary>
    public int? LeaseDurationSeconds { get; set; }

    /// <summary>When the current holder acquired the lease.</summary>
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? AcquireTime { get; set; }

    /// <summary>When the current holder last renewed the lease.</summary>
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; set; }

    /// <summary>How many times the lease changed holders.</summary>
    public int? LeaseTransitions { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
