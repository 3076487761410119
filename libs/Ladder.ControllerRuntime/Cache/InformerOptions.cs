namespace Ladder.ControllerRuntime.Cache;

/// <summary>What an <see cref="Informer{T}"/> lists and watches, and how it recovers (client-go <c>Reflector</c> settings).</summary>
public sealed record InformerOptions
{
    /// <summary>The namespace to watch; null for all namespaces (or a cluster-scoped resource).</summary>
    public string? Namespace { get; init; }

    /// <summary>A label selector, e.g. <c>app.kubernetes.io/managed-by=ladder</c>; null for all.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector; null for all.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>How often every cached object is re-delivered as an update; null or zero for never.</summary>
    public TimeSpan? ResyncPeriod { get; init; }

    /// <summary>Objects per LIST page (the <c>limit</c> parameter); 500 as client-go.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>The minimum server-side watch timeout; each watch asks for a random value between this and twice it (client-go: 5 min).</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first delay after a failed list or watch; doubled per failure with jitter (client-go: 800 ms).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>The longest delay between retries (client-go: 30 s).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
