namespace Ladder.ControllerRuntime.Events;

/// <summary>The type of an events.k8s.io/v1 Event (client-go <c>EventTypeNormal</c>/<c>EventTypeWarning</c>).</summary>
public enum EventType
{
    /// <summary>Something expected happened, e.g. a pipeline became ready.</summary>
    Normal,

    /// <summary>Something may need attention, e.g. an input failed.</summary>
    Warning,
}
