namespace Ladder.Kubernetes;

/// <summary>Query parameters of a create, update or patch (<c>metav1.CreateOptions</c>/<c>UpdateOptions</c>/<c>PatchOptions</c>).</summary>
public sealed record WriteOptions
{
    /// <summary>The field manager recorded in <c>managedFields</c>; the server defaults it from the User-Agent.</summary>
    public string? FieldManager { get; init; }

    /// <summary><c>Ignore</c>, <c>Warn</c> (the default) or <c>Strict</c>: what the server does with unknown or duplicate fields.</summary>
    public string? FieldValidation { get; init; }

    /// <summary>When true, the server validates and admits the write but does not persist it (<c>dryRun=All</c>).</summary>
    public bool DryRun { get; init; }

    internal IEnumerable<KeyValuePair<string, string>> ToQuery()
    {
        if (FieldManager is not null)
        {
            yield return new("fieldManager", FieldManager);
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
