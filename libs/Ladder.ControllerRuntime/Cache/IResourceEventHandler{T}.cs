namespace Ladder.ControllerRuntime.Cache;

/// <summary>
/// Receives an informer's notifications (client-go <c>cache.ResourceEventHandler</c>). Calls are serialized per
/// informer and made on its loop: keep them short (enqueue a key, never call the API).
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IResourceEventHandler<in T>
{
    /// <summary>An object appeared (first list, watch ADDED, or new in a relist).</summary>
    void OnAdd(T obj);

    /// <summary>An object changed; on a resync <paramref name="oldObj"/> and <paramref name="newObj"/> are the same instance.</summary>
    void OnUpdate(T oldObj, T newObj);

    /// <summary>
    /// An object was deleted. <paramref name="finalStateUnknown"/> is true when the deletion was inferred from a
    /// relist (client-go <c>DeletedFinalStateUnknown</c>): <paramref name="obj"/> is the last state the cache held.
    /// </summary>
    void OnDelete(T obj, bool finalStateUnknown);
}
