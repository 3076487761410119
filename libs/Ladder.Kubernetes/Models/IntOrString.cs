using System.Globalization;
using System.Text.Json.Serialization;
using Ladder.Kubernetes.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// A value that is either an integer or a string on the wire (<c>intstr.IntOrString</c>), e.g. a
/// <c>targetPort</c> given as <c>8080</c> or <c>"http"</c>.
/// </summary>
[JsonConverter(typeof(IntOrStringConverter))]
public sealed record IntOrString
{
    /// <summary>Creates an integer value.</summary>
    public IntOrString(int value) => IntValue = value;

    /// <summary>Creates a string value (a named port or a percentage such as <c>25%</c>).</summary>
    public IntOrString(string value) => StringValue = value;

    /// <summary>The integer, when the value is one; otherwise null.</summary>
    public int? IntValue { get; }

    /// <summary>The string, when the value is one; otherwise null.</summary>
    public string? StringValue { get; }

    /// <summary>Wraps an integer.</summary>
    public static implicit operator IntOrString(int value) => new(value);

    /// <summary>Wraps a string.</summary>
    public static implicit operator IntOrString(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => StringValue ?? IntValue!.Value.ToString(CultureInfo.InvariantCulture);
}
