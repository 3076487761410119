namespace Ladder.Api.Schema;

/// <summary>Maximum number of list items (<c>maxItems</c>); bounds the CEL cost estimate too.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxItemsAttribute(int value) : Attribute
{
    /// <summary>The bound.</summary>
    public int Value { get; } = value;
}
