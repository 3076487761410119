using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Ladder.ControllerRuntime.Events;

namespace Ladder.Operator.Tests.Support;

/// <summary>Records events in memory.</summary>
internal sealed class CapturingEvents : IEventRecorder
{
    public ConcurrentQueue<(string Name, EventType Type, string Reason, string? Note)> Recorded { get; } = new();

    public void Record(IKubernetesObject<V1ObjectMeta> regarding, EventType type, string reason, string action, string? note = null, IKubernetesObject<V1ObjectMeta>? related = null) =>
        Recorded.Enqueue((regarding.Metadata.Name!, type, reason, note));
}
