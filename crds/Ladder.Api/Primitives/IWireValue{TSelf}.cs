using System.Text.Json;

namespace Ladder.Api.Primitives;

/// <summary>
/// A value type written on the wire as text it parses and formats itself (<see cref="Bitrate"/>,
/// <see cref="Duration"/>). <see cref="WireValueJsonConverter{T}"/> and <see cref="WireValueYamlConverter{T}"/>
/// serve every such type: a string is parsed with <see cref="TryParse"/>, and the value is written as its
/// canonical <see cref="object.ToString"/> text.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IWireValue<TSelf> where TSelf : struct, IWireValue<TSelf>
{
    /// <summary>The error for a JSON token the type does not accept, saying what to write instead.</summary>
    static abstract string WireFormHint { get; }

    /// <summary>Parses the wire text; on failure <paramref name="error"/> says why in one sentence.</summary>
    static abstract bool TryParse(string? text, out TSelf value, out string error);

    /// <summary>
    /// Reads a JSON number token. False (the default) when the type is not written as a number; throws
    /// <see cref="JsonException"/> for a number the type does not accept.
    /// </summary>
    static virtual bool TryReadJsonNumber(ref Utf8JsonReader reader, out TSelf value)
    {
        value = default;
        return false;
    }
}
