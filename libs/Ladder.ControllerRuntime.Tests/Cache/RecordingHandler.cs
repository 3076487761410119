using k8s.Models;
using Ladder.ControllerRuntime.Cache;

namespace Ladder.ControllerRuntime.Tests.Cache;

/// <summary>Records informer notifications as text lines, e.g. <c>add w1 258</c>.</summary>
internal sealed class RecordingHandler<T> : IResourceEventHandler<T>
    where T : class, k8s.IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly List<string> _events = [];

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public void OnAdd(T obj) => Record($"add {obj.Metadata.Name} {obj.Metadata.ResourceVersion}");

    public void OnUpdate(T oldObj, T newObj) => Record($"update {newObj.Metadata.Name} {oldObj.Metadata.ResourceVersion}->{newObj.Metadata.ResourceVersion}");

    public void OnDelete(T obj, bool finalStateUnknown) => Record($"delete {obj.Metadata.Name}{(finalStateUnknown ? " unknown" : "")}");

    private void Record(string e)
    {
        lock (_gate)
        {
            _events.Add(e);
        }
    }
}
