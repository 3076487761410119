namespace Ladder.Kubernetes.Watch;

/// <summary>
/// The event types a watch yields (apimachinery <c>watch.EventType</c>). <c>ERROR</c> is not among them: an
/// ERROR event ends the watch with a <see cref="Errors.KubeApiException"/> carrying its Status.
/// </summary>
public enum WatchEventType
{
    /// <summary>The object was created (or existed when a watch without resourceVersion started).</summary>
    Added,

    /// <summary>The object changed.</summary>
    Modified,

    /// <summary>The object was deleted; the event carries its last state.</summary>
    Deleted,

    /// <summary>A progress marker: the object carries only <c>metadata.resourceVersion</c>; resume from it.</summary>
    Bookmark,
}
