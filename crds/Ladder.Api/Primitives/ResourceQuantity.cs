using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Ladder.Api.Primitives;

/// <summary>
/// A Kubernetes resource quantity (<c>resource.Quantity</c>) such as <c>500m</c>, <c>2</c> or <c>1Gi</c>, kept
/// as the text the user wrote. On the wire it is an integer or a string, as in core/v1.
/// </summary>
[JsonConverter(typeof(ResourceQuantityJsonConverter))]
public readonly partial record struct ResourceQuantity
{
    /// <summary>The pattern of a quantity string (the one the Kubernetes API publishes).</summary>
    public const string Pattern = @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";

    /// <summary>Wraps a quantity string; see <see cref="IsValid"/>.</summary>
    public ResourceQuantity(string value) => Value = value;

    /// <summary>The quantity as written, e.g. <c>500m</c>.</summary>
    public string Value { get; }

    /// <summary>True when <see cref="Value"/> matches <see cref="Pattern"/>.</summary>
    public bool IsValid => Value is not null && QuantityRegex().IsMatch(Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? "";

    /// <summary>Converts a string to a quantity.</summary>
    public static implicit operator ResourceQuantity(string value) => new(value);

    [GeneratedRegex(Pattern)]
    private static partial Regex QuantityRegex();
}
