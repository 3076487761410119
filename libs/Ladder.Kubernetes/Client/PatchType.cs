namespace Ladder.Kubernetes;

/// <summary>The patch formats the API server accepts, each sent with its own content type.</summary>
public enum PatchType
{
    /// <summary>JSON merge patch (RFC 7386), <c>application/merge-patch+json</c>: objects merge, lists are replaced, null deletes.</summary>
    Merge,

    /// <summary>JSON patch (RFC 6902), <c>application/json-patch+json</c>: a list of op/path/value operations.</summary>
    JsonPatch,

    /// <summary>Strategic merge patch, <c>application/strategic-merge-patch+json</c>: built-in kinds only (415 on custom resources).</summary>
    StrategicMerge,

    /// <summary>Server-side apply, <c>application/apply-patch+yaml</c>: needs a field manager; see <see cref="ApplyOptions"/>.</summary>
    Apply,
}
