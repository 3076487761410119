namespace Ladder.Kubernetes;

/// <summary>
/// Query parameters of a LIST or WATCH (<c>metav1.ListOptions</c>). Unset members are not sent.
/// </summary>
public sealed record ListOptions
{
    /// <summary>A label selector, e.g. <c>app=web,tier!=cache</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector, e.g. <c>metadata.name=w1</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Maximum items per page; the server returns <c>metadata.continue</c> when more remain.</summary>
    public int? Limit { get; init; }

    /// <summary>The continue token of the previous page.</summary>
    public string? Continue { get; init; }

    /// <summary>
    /// The resourceVersion: for LIST, <c>"0"</c> allows the watch cache; for WATCH, where to start (empty:
    /// synthetic ADDED events for every object, then changes).
    /// </summary>
    public string? ResourceVersion { get; init; }

    /// <summary><c>NotOlderThan</c> or <c>Exact</c>, with <see cref="ResourceVersion"/>.</summary>
    public string? ResourceVersionMatch { get; init; }

    /// <summary>Server-side timeout in seconds; a watch ends normally when it expires.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>WATCH only: ask for BOOKMARK events carrying the latest resourceVersion.</summary>
    public bool AllowWatchBookmarks { get; init; }

    internal IEnumerable<KeyValuePair<string, string>> ToQuery(bool watch)
    {
        if (watch)
        {
            yield return new("watch", "true");
            if (AllowWatchBookmarks)
            {
                yield return new("allowWatchBookmarks", "true");
            }
        }

        foreach (var (key, value) in new (string, object?)[]
        {
            ("labelSelector", LabelSelector), ("fieldSelector", FieldSelector), ("limit", Limit),
            ("continue", Continue), ("resourceVersion", ResourceVersion),
            ("resourceVersionMatch", ResourceVersionMatch), ("timeoutSeconds", TimeoutSeconds),
        })
        {
            if (value is not null)
            {
                yield return new(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);
            }
        }
    }
}
