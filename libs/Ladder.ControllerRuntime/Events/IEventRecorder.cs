using k8s;
using k8s.Models;

namespace Ladder.ControllerRuntime.Events;

/// <summary>Records Kubernetes Events about objects (client-go <c>tools/events.EventRecorder</c>); implemented by <see cref="EventRecorder"/>.</summary>
public interface IEventRecorder
{
    /// <summary>
    /// Queues an event about <paramref name="regarding"/> and returns at once; never blocks and never throws for
    /// API failures (they are logged and counted).
    /// </summary>
    /// <param name="regarding">The object the event is about (its apiVersion, kind, namespace, name, uid and resourceVersion are referenced).</param>
    /// <param name="type">Normal or Warning.</param>
    /// <param name="reason">Why, in CamelCase, e.g. <c>PipelineReady</c> (at most 128 characters).</param>
    /// <param name="action">What the controller did or failed to do, e.g. <c>Reconcile</c> (at most 128 characters).</param>
    /// <param name="note">Human-readable details; cut to 1 kB.</param>
    /// <param name="related">A secondary object, e.g. the Deployment created for the stream.</param>
    void Record(IKubernetesObject<V1ObjectMeta> regarding, EventType type, string reason, string action, string? note = null, IKubernetesObject<V1ObjectMeta>? related = null);
}
