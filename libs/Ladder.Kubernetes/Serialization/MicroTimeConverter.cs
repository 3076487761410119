using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Serialization;

/// <summary>
/// Reads and writes <c>metav1.MicroTime</c>: RFC 3339 in UTC with exactly six fractional digits,
/// e.g. <c>2026-11-21T10:05:50.123456Z</c> (Lease renewTime, Event eventTime). Reads any RFC 3339 form.
/// </summary>
public sealed class MicroTimeConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <inheritdoc />
    /// <exception cref="JsonException">The string is not an RFC 3339 time.</exception>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new JsonException($"'{text}' is not an RFC 3339 MicroTime such as 2026-11-21T10:05:50.123456Z.");
        }

        return value;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
}
