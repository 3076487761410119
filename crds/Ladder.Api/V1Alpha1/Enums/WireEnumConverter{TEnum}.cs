using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Api.V1Alpha1;

/// <summary>Reads and writes an enum by its wire name; an unknown value fails with the list of allowed ones.</summary>
public sealed class WireEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a string: {WireEnum.Choices<TEnum>()}");
        }
        var text = reader.GetString();
        return WireEnum.TryParse<TEnum>(text, out var value)
            ? value
            : throw new JsonException($"unsupported value \"{text}\"; use {WireEnum.Choices<TEnum>()}");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireEnum.ToWire(value));
}
