using k8s.Models;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Queue;

namespace Ladder.ControllerRuntime.Controllers;

/// <summary>Turns informer notifications into work queue keys through a map (the key of the object itself, its owner, or any mapping).</summary>
internal sealed class EnqueueHandler<T>(RateLimitingQueue<ObjectKey> queue, Func<T, IEnumerable<ObjectKey>> map) : IResourceEventHandler<T>
    where T : class, k8s.IKubernetesObject<V1ObjectMeta>
{
    public void OnAdd(T obj) => Enqueue(obj);

    public void OnUpdate(T oldObj, T newObj)
    {
        Enqueue(newObj);
        if (!ReferenceEquals(oldObj, newObj))
        {
            Enqueue(oldObj);
        }
    }

    public void OnDelete(T obj, bool finalStateUnknown) => Enqueue(obj);

    private void Enqueue(T obj)
    {
        foreach (var key in map(obj))
        {
            queue.Add(key);
        }
    }
}
