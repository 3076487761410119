using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Api.Pipeline;

/// <summary>JSON settings for <see cref="PipelineSpec"/>: camelCase, nulls omitted, enums by wire name.</summary>
public static class PipelineJson
{
    /// <summary>What secrets are replaced with in redacted output.</summary>
    public const string Mask = "****";

    private static readonly JsonSerializerOptions Compact = Create(false);
    private static readonly JsonSerializerOptions Indented = Create(true);

    /// <summary>The shared options, indented or not.</summary>
    public static JsonSerializerOptions Options(bool indented) => indented ? Indented : Compact;

    /// <summary>Replaces every occurrence of <paramref name="secret"/> in <paramref name="text"/> with <see cref="Mask"/>.</summary>
    public static string MaskIn(string text, string? secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, Mask, StringComparison.Ordinal);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNameCaseInsensitive = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = indented,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
