using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Api.Primitives;

/// <summary>Reads a <see cref="ResourceQuantity"/> from a JSON number or string; writes a string.</summary>
public sealed class ResourceQuantityJsonConverter : JsonConverter<ResourceQuantity>
{
    /// <inheritdoc />
    public override ResourceQuantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new ResourceQuantity(reader.GetString()!),
            JsonTokenType.Number => new ResourceQuantity(reader.GetDecimal().ToString(CultureInfo.InvariantCulture)),
            _ => throw new JsonException("a resource quantity must be a number or a string like 500m or 1Gi"),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ResourceQuantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
