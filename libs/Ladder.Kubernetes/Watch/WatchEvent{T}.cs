namespace Ladder.Kubernetes.Watch;

/// <summary>One event of a watch stream: its type and the object it carries.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Type">ADDED, MODIFIED, DELETED or BOOKMARK.</param>
/// <param name="Object">
/// The object; for <see cref="WatchEventType.Bookmark"/> only <c>apiVersion</c>, <c>kind</c> and
/// <c>metadata.resourceVersion</c> are set.
/// </param>
public sealed record WatchEvent<T>(WatchEventType Type, T Object);
