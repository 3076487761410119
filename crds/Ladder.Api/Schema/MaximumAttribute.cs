namespace Ladder.Api.Schema;

/// <summary>Inclusive upper bound of a number (<c>maximum</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaximumAttribute(double value) : Attribute
{
    /// <summary>The bound.</summary>
    public double Value { get; } = value;
}
