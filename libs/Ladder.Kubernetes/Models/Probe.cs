using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// A container health check: one handler plus timing, in seconds.
/// </summary>
public sealed class Probe
{
    /// <summary>An HTTP GET; 200 to 399 is success.</summary>
    public HttpGetAction? HttpGet { get; set; }

    /// <summary>A TCP connect check, as sent.</summary>
    public JsonElement? TcpSocket { get; set; }

    /// <summary>A command check, as sent.</summary>
    public JsonElement? Exec { get; set; }

    /// <summary>Seconds after start before the first probe.</summary>
    public int? InitialDelaySeconds { get; set; }

    /// <summary>Seconds between probes (default 10).</summary>
    public int? PeriodSeconds { get; set; }

    /// <summary>Seconds before a probe times out (default 1).</summary>
    public int? TimeoutSeconds { get; set; }

    /// <summary>Consecutive successes to count as healthy (default 1).</summary>
    public int? SuccessThreshold { get; set; }

    /// <summary>Consecutive failures to count as unhealthy (default 3).</summary>
    public int? FailureThreshold { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
