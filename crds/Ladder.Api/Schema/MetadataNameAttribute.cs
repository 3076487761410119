namespace Ladder.Api.Schema;

/// <summary>
/// Restricts <c>metadata.name</c> of a custom resource in its schema (<c>maxLength</c> and <c>pattern</c>), the only
/// metadata a CRD schema may restrict besides <c>generateName</c>. Unlike a CEL rule at the root, whose failures the
/// API server reports on no field, a schema failure names <c>metadata.name</c>, and it costs nothing in the CEL budget.
/// </summary>
/// <param name="pattern">An ECMA-262 regular expression the name must match.</param>
/// <param name="maxLength">The most characters the name may have.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class MetadataNameAttribute(string pattern, int maxLength) : Attribute
{
    /// <summary>The pattern.</summary>
    public string Pattern { get; } = pattern;

    /// <summary>The length bound.</summary>
    public int MaxLength { get; } = maxLength;
}
