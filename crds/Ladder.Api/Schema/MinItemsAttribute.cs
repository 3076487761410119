namespace Ladder.Api.Schema;

/// <summary>Minimum number of list items (<c>minItems</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinItemsAttribute(int value) : Attribute
{
    /// <summary>The bound.</summary>
    public int Value { get; } = value;
}
