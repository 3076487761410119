using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Api.Meta;

/// <summary>
/// Reads and writes <c>metav1.Time</c>: RFC 3339 in UTC with whole seconds, e.g. <c>2026-11-21T10:04:33Z</c>, as
/// the API server writes it. Reads any RFC 3339 form. Registered in <see cref="WireJson.Options"/>.
/// </summary>
public sealed class Rfc3339TimeConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    /// <exception cref="JsonException">The string is not an RFC 3339 time.</exception>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new JsonException($"'{text}' is not an RFC 3339 time such as 2026-11-21T10:04:33Z.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
