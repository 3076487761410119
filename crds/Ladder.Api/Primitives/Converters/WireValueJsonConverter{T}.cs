using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Api.Primitives;

/// <summary>
/// Reads an <see cref="IWireValue{TSelf}"/> from a JSON string (or a number, where the type reads one);
/// writes its canonical text as a string.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public class WireValueJsonConverter<T> : JsonConverter<T> where T : struct, IWireValue<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (!T.TryParse(reader.GetString(), out var value, out var error))
            {
                throw new JsonException(error);
            }
            return value;
        }
        if (reader.TokenType == JsonTokenType.Number && T.TryReadJsonNumber(ref reader, out var number))
        {
            return number;
        }
        throw new JsonException(T.WireFormHint);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
