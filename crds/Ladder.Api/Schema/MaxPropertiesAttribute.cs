namespace Ladder.Api.Schema;

/// <summary>Maximum number of map entries (<c>maxProperties</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxPropertiesAttribute(int value) : Attribute
{
    /// <summary>The bound.</summary>
    public int Value { get; } = value;
}
