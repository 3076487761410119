namespace Ladder.Api.Schema;

/// <summary>Minimum string length (<c>minLength</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinLengthAttribute(int value) : Attribute
{
    /// <summary>The bound.</summary>
    public int Value { get; } = value;
}
