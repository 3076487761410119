using System.Text.Json.Nodes;

namespace Ladder.Operator.Apply;

/// <summary>
/// Whether every field of a desired object is present, with the same value, in a live one: objects recursively (the
/// live object may have more fields: server defaults, status, other managers' fields), arrays element by element with
/// the same length, scalars by JSON value.
/// </summary>
internal static class JsonSubset
{
    /// <summary>True when <paramref name="desired"/> is contained in <paramref name="live"/>.</summary>
    public static bool Contains(JsonNode? live, JsonNode? desired) => (live, desired) switch
    {
        (_, null) => true,
        (null, _) => false,
        (JsonObject l, JsonObject d) => d.All(p => l.TryGetPropertyValue(p.Key, out var value) ? Contains(value, p.Value) : p.Value is null),
        (JsonArray l, JsonArray d) => l.Count == d.Count && l.Zip(d).All(pair => Contains(pair.First, pair.Second)),
        _ => JsonNode.DeepEquals(live, desired),
    };
}
