namespace Ladder.Api.Schema;

/// <summary>Inclusive lower bound of a number (<c>minimum</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinimumAttribute(double value) : Attribute
{
    /// <summary>The bound.</summary>
    public double Value { get; } = value;
}
