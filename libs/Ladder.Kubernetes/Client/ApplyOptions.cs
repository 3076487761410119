namespace Ladder.Kubernetes;

/// <summary>Query parameters of a server-side apply (<c>PATCH</c> with <c>application/apply-patch+yaml</c>).</summary>
public sealed record ApplyOptions
{
    /// <summary>The field manager that owns the applied fields; required by the server for apply.</summary>
    public required string FieldManager { get; init; }

    /// <summary>When true, take ownership of fields other managers own instead of failing with a 409 conflict.</summary>
    public bool Force { get; init; }

    /// <summary><c>Ignore</c>, <c>Warn</c> or <c>Strict</c> (the default for apply).</summary>
    public string? FieldValidation { get; init; }

    /// <summary>When true, the server computes the result but does not persist it (<c>dryRun=All</c>).</summary>
    public bool DryRun { get; init; }

    internal IEnumerable<KeyValuePair<string, string>> ToQuery()
    {
        yield return new("fieldManager", FieldManager);
        if (Force)
        {
            yield return new("force", "true");
        }

        if (FieldValidation is not null)
        {
            yield return new("fieldValidation", FieldValidation);
        }

        if (DryRun)
        {
            yield return new("dryRun", "All");
        }
    }
}
