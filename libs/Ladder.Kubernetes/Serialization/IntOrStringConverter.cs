using System.Text.Json;
using System.Text.Json.Serialization;
using Ladder.Kubernetes.Models;

namespace Ladder.Kubernetes.Serialization;

/// <summary>Reads and writes <see cref="IntOrString"/> as a JSON number or string, as the API server does.</summary>
public sealed class IntOrStringConverter : JsonConverter<IntOrString>
{
    /// <inheritdoc />
    /// <exception cref="JsonException">The token is neither a number nor a string.</exception>
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => new IntOrString(reader.GetInt32()),
            JsonTokenType.String => new IntOrString(reader.GetString()!),
            _ => throw new JsonException($"Expected a number or a string for an int-or-string value, got {reader.TokenType}."),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.IntValue is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value.StringValue);
        }
    }
}
