using System.Text.Json.Serialization;
using Ladder.Kubernetes.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// An events.k8s.io/v1 Event: a report about an object (<see cref="Regarding"/>) by a controller.
/// </summary>
public sealed class Event : KubernetesObject
{
    /// <summary>When the event was first observed (MicroTime); required on create.</summary>
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? EventTime { get; set; }

    /// <summary>Present when the event repeats: count and last observed time.</summary>
    public EventSeries? Series { get; set; }

    /// <summary>The controller that emitted the event, e.g. <c>ladder.dev/livestream-controller</c>.</summary>
    public string? ReportingController { get; set; }

    /// <summary>The controller instance, e.g. the pod name.</summary>
    public string? ReportingInstance { get; set; }

    /// <summary>What the controller did, e.g. <c>Reconcile</c>; at most 128 characters.</summary>
    public string? Action { get; set; }

    /// <summary>Why, in CamelCase, e.g. <c>Ready</c>; at most 128 characters.</summary>
    public string? Reason { get; set; }

    /// <summary>The object the event is about.</summary>
    public ObjectReference? Regarding { get; set; }

    /// <summary>A secondary object, when there is one.</summary>
    public ObjectReference? Related { get; set; }

    /// <summary>Human-readable details; at most 1 kB.</summary>
    public string? Note { get; set; }

    /// <summary><c>Normal</c> or <c>Warning</c>.</summary>
    public string? Type { get; set; }
}
