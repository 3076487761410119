using System.Text.Json;
using System.Text.Json.Serialization;
using Ladder.Kubernetes.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// The repetition state of an <see cref="Event"/>.
/// </summary>
public sealed class EventSeries
{
    /// <summary>How many times the event has occurred.</summary>
    public int Count { get; set; }

    /// <summary>When the last occurrence was seen (MicroTime).</summary>
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? LastObservedTime { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
