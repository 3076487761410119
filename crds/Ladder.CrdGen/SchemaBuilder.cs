using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Ladder.Api.Meta;
using Ladder.Api.Primitives;
using Ladder.Api.Schema;
using Ladder.Api.V1Alpha1;
using V1Condition = k8s.Models.V1Condition;

namespace Ladder.CrdGen;

/// <summary>
/// Builds a structural OpenAPI v3 schema (the CRD dialect) from C# types by reflection: types from the
/// property types, descriptions from the XML docs, and the rest from the attributes in
/// <see cref="Ladder.Api.Schema"/>. Properties are listed in name order, so the output is deterministic.
/// </summary>
public sealed class SchemaBuilder(XmlDocs docs, bool publishDefaults)
{
    // Bounds of the wire-value types, so CEL cost estimates stay small: RFC 3339 with nanoseconds and an offset
    // is 35 characters; a bitrate is at most "4294967295" or "999.999M"; a quantity such as "1500m" or "16Gi"
    // fits in 64 with room to spare.
    private const int DateTimeMaxLength = 64;
    private const int BitrateMaxLength = 16;
    private const int QuantityMaxLength = 64;

    private readonly XmlDocs _docs = docs;
    private readonly bool _publishDefaults = publishDefaults;

    /// <summary>The openAPIV3Schema of a custom resource type.</summary>
    public JsonObject ForResource(Type resource)
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
        };
        AddDescription(schema, _docs.ForType(resource));
        var properties = new JsonObject
        {
            ["apiVersion"] = Described(new JsonObject { ["type"] = "string" },
                "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources"),
            ["kind"] = Described(new JsonObject { ["type"] = "string" },
                "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"),
            ["metadata"] = MetadataSchema(resource.GetCustomAttribute<MetadataNameAttribute>()),
        };
        var required = new List<string>();
        foreach (var property in DeclaredProperties(resource).Where(p => p.DeclaringType == resource))
        {
            var name = JsonName(property);
            properties[name] = ForProperty(property);
            if (property.IsDefined(typeof(RequiredAttribute)))
            {
                required.Add(name);
            }
        }
        schema["properties"] = Sorted(properties);
        if (required.Count > 0)
        {
            schema["required"] = new JsonArray([.. required.Order(StringComparer.Ordinal).Select(r => (JsonNode)r!)]);
        }
        AddRules(schema, resource.GetCustomAttributes<CelRuleAttribute>(inherit: false));
        return schema;
    }

    private JsonObject ForProperty(PropertyInfo property)
    {
        var schema = ForType(property.PropertyType, property);
        var description = _docs.ForProperty(property) ?? _docs.ForType(Unwrap(property.PropertyType));
        AddDescription(schema, description);
        if (_publishDefaults && property.GetCustomAttribute<DefaultAttribute>() is { } d)
        {
            schema["default"] = JsonSerializer.SerializeToNode(d.Value);
        }
        if (property.GetCustomAttribute<MinimumAttribute>() is { } min) { schema["minimum"] = Number(min.Value); }
        if (property.GetCustomAttribute<MaximumAttribute>() is { } max) { schema["maximum"] = Number(max.Value); }
        if (property.GetCustomAttribute<MultipleOfAttribute>() is { } mult) { schema["multipleOf"] = Number(mult.Value); }
        if (property.GetCustomAttribute<PatternAttribute>() is { } pattern) { schema["pattern"] = pattern.Value; }
        if (property.GetCustomAttribute<MinLengthAttribute>() is { } minLength) { schema["minLength"] = minLength.Value; }
        if (property.GetCustomAttribute<MaxLengthAttribute>() is { } maxLength)
        {
            // On a map of strings the bound is each value's; maxLength means nothing on an object.
            var target = schema["additionalProperties"] as JsonObject ?? schema;
            target["maxLength"] = maxLength.Value;
        }
        if (property.GetCustomAttribute<MinItemsAttribute>() is { } minItems) { schema["minItems"] = minItems.Value; }
        if (property.GetCustomAttribute<MaxItemsAttribute>() is { } maxItems) { schema["maxItems"] = maxItems.Value; }
        if (property.GetCustomAttribute<MaxPropertiesAttribute>() is { } maxProps) { schema["maxProperties"] = maxProps.Value; }
        if (property.GetCustomAttribute<ListMapAttribute>() is { } listMap)
        {
            schema["x-kubernetes-list-type"] = "map";
            schema["x-kubernetes-list-map-keys"] = new JsonArray([.. listMap.Keys.Select(k => (JsonNode)k!)]);
        }
        if (property.IsDefined(typeof(ListSetAttribute)))
        {
            schema["x-kubernetes-list-type"] = "set";
        }
        AddRules(schema, property.GetCustomAttributes<CelRuleAttribute>());
        return Sorted(schema);
    }

    private JsonObject ForType(Type type, PropertyInfo? property)
    {
        type = Unwrap(type);
        if (type == typeof(string)) { return new JsonObject { ["type"] = "string" }; }
        if (type == typeof(bool)) { return new JsonObject { ["type"] = "boolean" }; }
        if (type == typeof(int)) { return new JsonObject { ["type"] = "integer", ["format"] = "int32" }; }
        if (type == typeof(long)) { return new JsonObject { ["type"] = "integer", ["format"] = "int64" }; }
        if (type == typeof(double)) { return new JsonObject { ["type"] = "number" }; }
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) { return new JsonObject { ["type"] = "string", ["format"] = "date-time", ["maxLength"] = DateTimeMaxLength }; }
        if (type == typeof(Duration)) { return new JsonObject { ["type"] = "string", ["pattern"] = Duration.Pattern, ["maxLength"] = 32 }; }
        if (type == typeof(Bitrate)) { return IntOrString(Bitrate.Pattern, BitrateMaxLength); }
        if (type == typeof(ResourceQuantity)) { return IntOrString(ResourceQuantity.Pattern, QuantityMaxLength); }
        if (type.IsEnum)
        {
            var names = WireEnum.Names(type).ToList();
            return new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray([.. names.Select(n => (JsonNode)n!)]),
                ["maxLength"] = names.Max(n => n.Length),
            };
        }
        if (type == typeof(V1Condition)) { return ConditionSchema(); }
        if (DictionaryValueType(type) is { } valueType)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Sorted(ForType(valueType, null)) };
        }
        if (ListItemType(type) is { } itemType)
        {
            return new JsonObject { ["type"] = "array", ["items"] = Sorted(ForItem(itemType)) };
        }
        if (type.IsClass)
        {
            return ForObject(type);
        }
        throw new NotSupportedException($"no schema mapping for {type} ({property?.DeclaringType?.Name}.{property?.Name})");
    }

    private JsonObject ForItem(Type itemType)
    {
        var schema = ForType(itemType, null);
        if (!schema.ContainsKey("description") && Unwrap(itemType).IsClass && Unwrap(itemType) != typeof(string))
        {
            AddDescription(schema, _docs.ForType(Unwrap(itemType)));
        }
        return schema;
    }

    private JsonObject ForObject(Type type)
    {
        var properties = new JsonObject();
        var required = new List<string>();
        foreach (var property in DeclaredProperties(type))
        {
            var name = JsonName(property);
            properties[name] = ForProperty(property);
            if (property.IsDefined(typeof(RequiredAttribute)))
            {
                required.Add(name);
            }
        }
        var schema = new JsonObject { ["type"] = "object", ["properties"] = Sorted(properties) };
        if (required.Count > 0)
        {
            schema["required"] = new JsonArray([.. required.Order(StringComparer.Ordinal).Select(r => (JsonNode)r!)]);
        }
        AddRules(schema, type.GetCustomAttributes<CelRuleAttribute>(inherit: true));
        return schema;
    }

    // metadata as the server knows it, with the name restricted where the kind asks (the only field a CRD may restrict).
    private static JsonObject MetadataSchema(MetadataNameAttribute? name) => name is null
        ? new JsonObject { ["type"] = "object" }
        : new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["name"] = new JsonObject { ["maxLength"] = name.MaxLength, ["pattern"] = name.Pattern, ["type"] = "string" },
            },
            ["type"] = "object",
        };

    // metav1.Condition, as controller-gen publishes it, described in Ladder's words (KubernetesClient's V1Condition
    // carries no schema markers, and its upstream docs would change the published CRDs).
    private static JsonObject ConditionSchema() =>
        new()
        {
            ["type"] = "object",
            ["description"] = "One aspect of an object's current state (metav1.Condition, apimachinery pkg/apis/meta/v1/types.go), as listed in status.conditions keyed on Type.",
            ["required"] = new JsonArray("lastTransitionTime", "message", "reason", "status", "type"),
            ["properties"] = new JsonObject
            {
                ["lastTransitionTime"] = Sorted(Described(new JsonObject { ["type"] = "string", ["format"] = "date-time", ["maxLength"] = DateTimeMaxLength }, "When Status last changed (not when the condition was last written).")),
                ["message"] = Sorted(Described(new JsonObject { ["type"] = "string", ["maxLength"] = 32768 }, "A human-readable message with details; may be empty.")),
                ["observedGeneration"] = Sorted(Described(new JsonObject { ["type"] = "integer", ["format"] = "int64", ["minimum"] = 0 }, "The metadata.generation the condition was computed from.")),
                ["reason"] = Sorted(Described(new JsonObject
                {
                    ["type"] = "string",
                    ["maxLength"] = 1024,
                    ["minLength"] = 1,
                    ["pattern"] = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$",
                }, "A CamelCase, machine-readable reason for the last transition, e.g. ProfileNotFound.")),
                ["status"] = Sorted(Described(new JsonObject
                {
                    ["type"] = "string",
                    ["enum"] = new JsonArray(ConditionStatus.True, ConditionStatus.False, ConditionStatus.Unknown),
                    ["maxLength"] = ConditionStatus.Unknown.Length,
                }, "One of True, False, Unknown.")),
                ["type"] = Sorted(Described(new JsonObject
                {
                    ["type"] = "string",
                    ["maxLength"] = 316,
                    ["pattern"] = @"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$",
                }, "The condition type in CamelCase, e.g. Ready, Reconciling, Stalled.")),
            },
        };

    private static JsonObject IntOrString(string pattern, int maxLength) => new()
    {
        ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" }),
        ["maxLength"] = maxLength,
        ["pattern"] = pattern,
        ["x-kubernetes-int-or-string"] = true,
    };

    private static void AddRules(JsonObject schema, IEnumerable<CelRuleAttribute> rules)
    {
        var list = new JsonArray();
        foreach (var rule in rules)
        {
            var entry = new JsonObject { ["message"] = rule.Message, ["rule"] = rule.Rule };
            if (rule.FieldPath is not null) { entry["fieldPath"] = rule.FieldPath; }
            entry["reason"] = rule.Reason.ToString();
            list.Add(Sorted(entry));
        }
        if (list.Count > 0)
        {
            schema["x-kubernetes-validations"] = list;
        }
    }

    private static JsonObject Described(JsonObject schema, string? description)
    {
        AddDescription(schema, description);
        return schema;
    }

    private static void AddDescription(JsonObject schema, string? description)
    {
        if (!string.IsNullOrWhiteSpace(description))
        {
            schema["description"] = description;
        }
    }

    private static JsonValue Number(double value) =>
        value == Math.Floor(value) ? JsonValue.Create((long)value) : JsonValue.Create(value);

    /// <summary>A copy of the object with keys in ordinal order.</summary>
    public static JsonObject Sorted(JsonObject obj)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            obj.Remove(key);
            sorted[key] = value;
        }
        return sorted;
    }

    internal static IEnumerable<PropertyInfo> DeclaredProperties(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0)
        .Where(p => !p.IsDefined(typeof(JsonIgnoreAttribute)) && !p.IsDefined(typeof(JsonExtensionDataAttribute)))
        .Where(p => p.DeclaringType != typeof(LadderObject))
        .OrderBy(JsonName, StringComparer.Ordinal);

    internal static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static Type? DictionaryValueType(Type type)
    {
        foreach (var i in type.IsInterface ? [type, .. type.GetInterfaces()] : type.GetInterfaces())
        {
            if (i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
                && i.GetGenericArguments()[0] == typeof(string))
            {
                return i.GetGenericArguments()[1];
            }
        }
        return null;
    }

    private static Type? ListItemType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        foreach (var i in type.IsInterface ? [type, .. type.GetInterfaces()] : type.GetInterfaces())
        {
            if (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                return i.GetGenericArguments()[0];
            }
        }
        return null;
    }
}
