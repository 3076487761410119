using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Api.Primitives;

/// <summary>JSON converter for <see cref="ValueMap"/>: an object of string values.</summary>
public sealed class ValueMapJsonConverter : JsonConverter<ValueMap>
{
    /// <inheritdoc />
    public override ValueMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonSerializer.Deserialize<Dictionary<string, string>>(ref reader, options) ?? []);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ValueMap value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (k, v) in value)
        {
            writer.WriteString(k, v);
        }
        writer.WriteEndObject();
    }
}
