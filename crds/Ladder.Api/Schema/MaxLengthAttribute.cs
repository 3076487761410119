namespace Ladder.Api.Schema;

/// <summary>
/// Maximum string length (<c>maxLength</c>); bounds the CEL cost estimate too. On a map of strings it bounds each value
/// (a map itself is bounded with <see cref="MaxPropertiesAttribute"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxLengthAttribute(int value) : Attribute
{
    /// <summary>The bound.</summary>
    public int Value { get; } = value;
}
