namespace Ladder.Api.Schema;

/// <summary>A regular expression a string must match (<c>pattern</c>, ECMA 262 as the API server reads it).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string pattern) : Attribute
{
    /// <summary>The pattern.</summary>
    public string Value { get; } = pattern;
}
