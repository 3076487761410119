using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// The status of one container of a <see cref="Pod"/>.
/// </summary>
public sealed class ContainerStatus
{
    /// <summary>The container name.</summary>
    public string? Name { get; set; }

    /// <summary>True when the readiness probe passes.</summary>
    public bool Ready { get; set; }

    /// <summary>True once the startup probe has passed.</summary>
    public bool? Started { get; set; }

    /// <summary>Restarts so far.</summary>
    public int RestartCount { get; set; }

    /// <summary>The image running.</summary>
    public string? Image { get; set; }

    /// <summary>The runtime's container id, <c>&lt;type&gt;://&lt;id&gt;</c>.</summary>
    public string? ContainerID { get; set; }

    /// <summary>The current state (waiting, running, terminated), as sent.</summary>
    public JsonElement? State { get; set; }

    /// <summary>The previous state, as sent.</summary>
    public JsonElement? LastState { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
