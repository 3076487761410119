using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ladder.Api.Manifests;

/// <summary>
/// Converts YAML to JSON the way kubectl does (sigs.k8s.io/yaml, YAML 1.1 scalars): plain scalars that look
/// like null, booleans (true/false, yes/no, on/off) or numbers become those JSON types; quoted scalars and
/// everything else are strings. Anchors and aliases are expanded; duplicate keys are an error. Each document also
/// records where each of its fields is written (<see cref="FieldPositions"/>), so problems name the field's line.
/// </summary>
public static partial class YamlJson
{
    /// <summary>Every document in <paramref name="yaml"/>, empty ones included (with null JSON).</summary>
    /// <exception cref="YamlException">
    /// The text is not valid YAML (YamlDotNet's own parser errors, and the states in which it throws
    /// <see cref="InvalidOperationException"/> instead, such as a plain scalar after an unclosed <c>[</c>), or a mapping
    /// has a duplicate or non-scalar key. <see cref="YamlException.Start"/> says where.
    /// </exception>
    public static IReadOnlyList<YamlDocumentJson> ReadDocuments(string yaml)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (InvalidOperationException)
        {
            var at = parser.Current?.End ?? Mark.Empty;
            throw new YamlException(at, at, "a [ or { here is not closed with ] or }");
        }
        var list = new List<YamlDocumentJson>();
        for (var i = 0; i < stream.Documents.Count; i++)
        {
            var root = stream.Documents[i].RootNode;
            var positions = new FieldPositions((int)root.Start.Line, (int)root.Start.Column);
            list.Add(new YamlDocumentJson(i, (int)root.Start.Line, ToJson(root, "", positions), positions));
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
    /// <exception cref="YamlException">A mapping has a duplicate, merge (<c>&lt;&lt;</c>) or non-scalar key, or a number is out of range.</exception>
    public static JsonNode? ToJson(YamlNode node) => ToJson(node, "", new FieldPositions((int)node.Start.Line, (int)node.Start.Column));

    private static JsonNode? ToJson(YamlNode node, string path, FieldPositions positions)
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
                    var keyPath = path.Length == 0 ? key : path + "." + key;
                    positions.Add(keyPath, (int)keyNode.Start.Line, (int)keyNode.Start.Column);
                    obj[key] = ToJson(valueNode, keyPath, positions);
                }
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                foreach (var child in seq.Children)
                {
                    var itemPath = $"{path}[{array.Count}]";
                    positions.Add(itemPath, (int)child.Start.Line, (int)child.Start.Column);
                    array.Add(ToJson(child, itemPath, positions));
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
            return double.IsFinite(d) ? JsonValue.Create(d) : throw new YamlException(scalar.Start, scalar.End, $"number {value} is out of range");
        }
        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9_]*)$")]
    private static partial Regex DecimalInt();

    [GeneratedRegex(@"^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$")]
    private static partial Regex Float();
}
