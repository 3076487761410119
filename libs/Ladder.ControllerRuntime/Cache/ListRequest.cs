namespace Ladder.ControllerRuntime.Cache;

/// <summary>The query of one LIST or WATCH (<c>metav1.ListOptions</c>); unset members are not sent.</summary>
public sealed record ListRequest
{
    /// <summary>The namespace; null for all namespaces (or a cluster-scoped resource).</summary>
    public string? Namespace { get; init; }

    /// <summary>A label selector, e.g. <c>app=web,tier!=cache</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector, e.g. <c>metadata.name=w1</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Objects per LIST page; the server answers <c>metadata.continue</c> when more remain.</summary>
    public int? Limit { get; init; }

    /// <summary>The continue token of the previous page.</summary>
    public string? Continue { get; init; }

    /// <summary>For a WATCH, the resourceVersion to start after; for a LIST, how fresh the answer must be.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Ask the server for BOOKMARK events on a WATCH.</summary>
    public bool? AllowWatchBookmarks { get; init; }

    /// <summary>The server-side timeout of a WATCH in seconds; the server then closes the stream.</summary>
    public int? TimeoutSeconds { get; init; }
}
