using System.Collections.Concurrent;
using Ladder.ControllerRuntime.Events;
using Ladder.Kubernetes.Models;

namespace Ladder.Operator.Tests.Support;

/// <summary>Records events in memory.</summary>
internal sealed class CapturingEvents : IEventRecorder
{
    public ConcurrentQueue<(string Name, EventType Type, string Reason, string? Note)> Recorded { get; } = new();

    public void Record(KubernetesObject regarding, EventType type, string reason, string action, string? note = null, KubernetesObject? related = null) =>
        Recorded.Enqueue((regarding.Metadata.Name!, type, reason, note));
}
