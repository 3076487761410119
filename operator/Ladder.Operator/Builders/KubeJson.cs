using System.Text.Json;
using Ladder.Api.Meta;

namespace Ladder.Operator.Builders;

/// <summary>Builds the <see cref="JsonElement"/> fields the models keep "as sent" (security contexts, strategy, volume sources).</summary>
internal static class KubeJson
{
    /// <summary><paramref name="value"/> (an anonymous object or a model) as Kubernetes JSON.</summary>
    public static JsonElement Element(object value) => JsonSerializer.SerializeToElement(value, WireJson.Options);

    /// <summary>A one-field extension-data map, e.g. <c>enableServiceLinks: false</c>.</summary>
    public static Dictionary<string, JsonElement> Fields(params (string Name, object Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => Element(f.Value), StringComparer.Ordinal);
}
