namespace Ladder.ControllerRuntime.Cache;

/// <summary>One page of a LIST.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Items">The objects of this page.</param>
/// <param name="ResourceVersion">The list's <c>metadata.resourceVersion</c>: where a WATCH resumes.</param>
/// <param name="Continue">The token for the next page; null or empty on the last.</param>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? ResourceVersion, string? Continue);
