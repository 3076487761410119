namespace Ladder.Api.Schema;

/// <summary>The default the API server applies when the field is absent (<c>default</c>); the resolver applies the same one.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultAttribute(object value) : Attribute
{
    /// <summary>The default value: a string, number or boolean.</summary>
    public object Value { get; } = value;
}
