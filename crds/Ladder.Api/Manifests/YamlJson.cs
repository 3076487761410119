using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ladder.Api.Manifests;

/// <summary>
/// Converts YAML to JSON the way kubectl does (sigs.k8s.io/yaml, YAML 1.1 scalars): plain scalars that look
/// like null, booleans (true/false, yes/no, on/off) or numbers become those JSON types; quoted scalars and
/// everything else are strings. Anchors and aliases are expanded; duplicate keys are an error.
/// </summary>
public static partial class YamlJson
{
    /// <summary>Every document in <paramref name="yaml"/>, empty ones included (with null JSON).</summary>
    /// <exception cref="YamlException">The text is not valid YAML, or a mapping has a duplicate or non-scalar key.</exception>
    public static IReadOnlyList<YamlDocumentJson> ReadDocuments(string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }
        var list = new List<YamlDocumentJson>();
        for (var i = 0; i < stream.Documents.Count; i++)
        {
            var root = stream.Documents[i].RootNode;
            list.Add(new YamlDocumentJson(i, (int)root.Start.Line, ToJson(root)));
        }
        return list;
    }

    /// <summary>The JSON of a single-document YAML text.</summary>
    public static JsonNode? ToJson(string yaml)
    {
        var docs = ReadDocuments(yaml);
        return docs.Count == 0 ? null : docs[0].Json;
    }

    /// <summary>Converts one YAML node.</summary>
    public static JsonNode? ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in map.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        throw new YamlException(keyNode.Start, keyNode.End, "mapping keys must be scalars");
                    }
                    if (key == "<<")
                    {
                        throw new YamlException(keyNode.Start, keyNode.End, "merge keys (<<) are not supported");
                    }
                    if (obj.ContainsKey(key))
                    {
                        throw new YamlException(keyNode.Start, keyNode.End, $"duplicate key \"{key}\"");
                    }
                    obj[key] = ToJson(valueNode);
                }
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                foreach (var child in seq.Children)
                {
                    array.Add(ToJson(child));
                }
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new YamlException(node.Start, node.End, $"unsupported YAML node {node.NodeType}");
        }
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(value);
        }
        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }
        if (value is "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y")
        {
            return JsonValue.Create(true);
        }
        if (value is "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N")
        {
            return JsonValue.Create(false);
        }
        if (DecimalInt().IsMatch(value) && long.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }
        if (value.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }
        if (Float().IsMatch(value) && double.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }
        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9_]*)$")]
    private static partial Regex DecimalInt();

    [GeneratedRegex(@"^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$")]
    private static partial Regex Float();
}
