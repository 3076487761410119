namespace Ladder.Api.Schema;

/// <summary>The number must be a multiple of this (<c>multipleOf</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultipleOfAttribute(double value) : Attribute
{
    /// <summary>The divisor.</summary>
    public double Value { get; } = value;
}
