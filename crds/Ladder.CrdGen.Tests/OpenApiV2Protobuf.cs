using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ladder.CrdGen.Tests;

/// <summary>
/// Encodes an OpenAPI v2 document of schema definitions as the protobuf kubectl downloads from
/// <c>/openapi/v2</c> (gnostic <c>openapi.v2.Document</c>, openapiv2/OpenAPIv2.proto): swagger, info and
/// definitions, each definition a Schema with type, properties, items, additionalProperties, required,
/// the usual bounds, enum, and the <c>x-kubernetes-group-version-kind</c> extension kubectl finds resources by.
/// As the API server does when it publishes CRD schemas in v2, anyOf (int-or-string) and the other
/// x-kubernetes-* extensions are dropped: an int-or-string field has no type, which kubectl reads as "any value".
/// </summary>
internal static class OpenApiV2Protobuf
{
    public const string ContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    /// <summary>The Document with the given definitions (name to schema, the schema's GVK extension included).</summary>
    public static byte[] Encode(IReadOnlyDictionary<string, JsonObject> definitions)
    {
        var doc = new Writer();
        doc.String(1, "2.0");
        doc.Message(2, info =>
        {
            info.String(1, "Kubernetes");
            info.String(2, "v1.26.0");
        });
        doc.Message(9, defs =>
        {
            foreach (var (name, schema) in definitions.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                defs.Message(1, named =>
                {
                    named.String(1, name);
                    named.Message(2, s => WriteSchema(s, schema));
                });
            }
        });
        return doc.ToArray();
    }

    private static void WriteSchema(Writer w, JsonObject schema)
    {
        if (schema["$ref"] is JsonValue reference) { w.String(1, reference.GetValue<string>()); }
        if (schema["format"] is JsonValue format) { w.String(2, format.GetValue<string>()); }
        if (schema["description"] is JsonValue description) { w.String(4, description.GetValue<string>()); }
        if (schema["multipleOf"] is JsonValue multipleOf) { w.Double(6, Number(multipleOf)); }
        if (schema["maximum"] is JsonValue maximum) { w.Double(7, Number(maximum)); }
        if (schema["minimum"] is JsonValue minimum) { w.Double(9, Number(minimum)); }
        if (schema["maxLength"] is JsonValue maxLength) { w.Varint(11, (ulong)Number(maxLength)); }
        if (schema["minLength"] is JsonValue minLength) { w.Varint(12, (ulong)Number(minLength)); }
        if (schema["pattern"] is JsonValue pattern) { w.String(13, pattern.GetValue<string>()); }
        if (schema["maxItems"] is JsonValue maxItems) { w.Varint(14, (ulong)Number(maxItems)); }
        if (schema["minItems"] is JsonValue minItems) { w.Varint(15, (ulong)Number(minItems)); }
        if (schema["maxProperties"] is JsonValue maxProperties) { w.Varint(17, (ulong)Number(maxProperties)); }
        foreach (var r in schema["required"]?.AsArray() ?? [])
        {
            w.String(19, r!.GetValue<string>());
        }
        foreach (var e in schema["enum"]?.AsArray() ?? [])
        {
            w.Message(20, any => any.String(2, e!.ToJsonString() + "\n"));
        }
        if (schema["additionalProperties"] is JsonObject additional)
        {
            w.Message(21, item => item.Message(1, s => WriteSchema(s, additional)));
        }
        if (schema["type"] is JsonValue type)
        {
            w.Message(22, t => t.String(1, type.GetValue<string>()));
        }
        if (schema["items"] is JsonObject items)
        {
            w.Message(23, item => item.Message(1, s => WriteSchema(s, items)));
        }
        if (schema["properties"] is JsonObject properties)
        {
            w.Message(25, props =>
            {
                foreach (var (name, child) in properties)
                {
                    props.Message(1, named =>
                    {
                        named.String(1, name);
                        named.Message(2, s => WriteSchema(s, child!.AsObject()));
                    });
                }
            });
        }
        if (schema["x-kubernetes-group-version-kind"] is JsonArray gvks)
        {
            var yaml = new StringBuilder();
            foreach (var gvk in gvks)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"- group: \"{gvk!["group"]}\"\n  kind: {gvk["kind"]}\n  version: {gvk["version"]}\n");
            }
            w.Message(31, named =>
            {
                named.String(1, "x-kubernetes-group-version-kind");
                named.Message(2, any => any.String(2, yaml.ToString()));
            });
        }
    }

    private static double Number(JsonValue value) => JsonSerializer.SerializeToElement(value).GetDouble();

    /// <summary>A minimal protobuf writer: varints, doubles, strings and nested messages.</summary>
    private sealed class Writer
    {
        private readonly List<byte> _buffer = [];

        public byte[] ToArray() => _buffer.ToArray();

        public void Varint(int field, ulong value)
        {
            Tag(field, 0);
            Raw(value);
        }

        public void Double(int field, double value)
        {
            Tag(field, 1);
            _buffer.AddRange(BitConverter.GetBytes(value));
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Message(int field, Action<Writer> write)
        {
            var inner = new Writer();
            write(inner);
            Bytes(field, inner.ToArray());
        }

        private void Bytes(int field, byte[] bytes)
        {
            Tag(field, 2);
            Raw((ulong)bytes.Length);
            _buffer.AddRange(bytes);
        }

        private void Tag(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                _buffer.Add((byte)(value | 0x80));
                value >>= 7;
            }
            _buffer.Add((byte)value);
        }
    }
}
