using System.Text.Json.Nodes;
using Ladder.Api;
using Ladder.Api.Manifests;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Ladder.CrdGen.Tests;

/// <summary>
/// Every ladder.dev object in config/samples validates against its generated CRD schema, read as JSON
/// Schema by NJsonSchema: the Kubernetes extensions are dropped (int-or-string keeps its anyOf), and every
/// object with properties gets additionalProperties: false, as the API server prunes (and with
/// fieldValidation=Strict rejects) unknown fields.
/// </summary>
public class SampleSchemaTests
{
    private static readonly Lazy<Dictionary<string, JsonSchema>> Schemas = new(() =>
        CrdGenerator.GenerateAll().ToDictionary(c => c.Kind, c => JsonSchema.FromJsonAsync(ToJsonSchema(c.Schema).ToJsonString()).GetAwaiter().GetResult()));

    /// <summary>The openAPIV3Schema as a strict JSON Schema.</summary>
    internal static JsonObject ToJsonSchema(JsonObject openApi)
    {
        var copy = openApi.DeepClone().AsObject();
        Strip(copy);
        return copy;

        static void Strip(JsonObject schema)
        {
            foreach (var key in schema.Select(p => p.Key).Where(k => k.StartsWith("x-kubernetes-", StringComparison.Ordinal)).ToList())
            {
                schema.Remove(key);
            }
            if (schema["properties"] is JsonObject properties)
            {
                schema["additionalProperties"] ??= false;
                foreach (var (name, child) in properties)
                {
                    Strip(child!.AsObject());
                    if (name == "metadata")
                    {
                        // The server owns metadata (labels, annotations...); a CRD only restricts its name.
                        child.AsObject()["additionalProperties"] = true;
                    }
                }
            }
            foreach (var key in new[] { "items", "additionalProperties" })
            {
                if (schema[key] is JsonObject child)
                {
                    Strip(child);
                }
            }
            foreach (var alt in schema["anyOf"]?.AsArray() ?? [])
            {
                Strip(alt!.AsObject());
            }
        }
    }

    /// <summary>Validation errors of one object, flattened to "path: kind" strings.</summary>
    internal static List<string> Validate(JsonObject obj)
    {
        var kind = obj["kind"]!.GetValue<string>();
        Assert.True(Schemas.Value.ContainsKey(kind), $"no CRD for kind {kind}");
        Assert.Equal(LadderApi.ApiVersion, obj["apiVersion"]!.GetValue<string>());
        var errors = new List<string>();
        Flatten(Schemas.Value[kind].Validate(obj.ToJsonString()), errors);
        return errors;

        static void Flatten(IEnumerable<ValidationError> list, List<string> into)
        {
            foreach (var e in list)
            {
                into.Add($"{e.Path}: {e.Kind}");
                if (e is ChildSchemaValidationError child)
                {
                    foreach (var nested in child.Errors.Values)
                    {
                        Flatten(nested, into);
                    }
                }
            }
        }
    }

    public static TheoryData<string, int> SampleObjects()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Directory.GetFiles(RepoPaths.Samples, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var doc in YamlJson.ReadDocuments(File.ReadAllText(file)))
            {
                if (doc.Json?["apiVersion"]?.GetValue<string>()?.StartsWith(LadderApi.Group + "/", StringComparison.Ordinal) == true)
                {
                    data.Add(Path.GetFileName(file), doc.Index);
                }
            }
        }
        return data;
    }

    private static JsonObject Load(string file, int index) =>
        YamlJson.ReadDocuments(File.ReadAllText(Path.Combine(RepoPaths.Samples, file)))[index].Json!.AsObject();

    [Theory]
    [MemberData(nameof(SampleObjects))]
    public void Sample_object_matches_its_crd_schema(string file, int document)
    {
        var errors = Validate(Load(file, document));
        Assert.True(errors.Count == 0, $"{file} document {document + 1}:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void Every_sample_file_has_ladder_objects()
    {
        var files = SampleObjects().Select(row => (string)row[0]).ToHashSet();
        Assert.Equal(Directory.GetFiles(RepoPaths.Samples, "*.yaml").Length, files.Count);
    }

    // The check has teeth: a field the schema lacks, a wrong enum, a bad bitrate or a missing required field fails it.
    public static TheoryData<string, string, string> Mutations() => new()
    {
        { "unknown field", "spec.inputs.0", "uri=rtmp://x" },
        { "wrong enum", "spec.outputs.hls", "container=mkv" },
        { "bad bitrate", "spec.profile", "video.renditions.0.bitrate=5 Mbps" },
        { "odd width", "spec.profile", "video.renditions.0.width=#1279" },
        { "missing required url", "spec.inputs.0", "-url" },
        { "bad duration", "spec.failover", "inputTimeout=1 second" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Schema_check_rejects_a_broken_object(string name, string at, string change)
    {
        var obj = Load("srt-primary-rtmp-backup.yaml", 1);
        Assert.Empty(Validate(obj));
        var target = Navigate(obj, at);
        if (change.StartsWith('-'))
        {
            target.AsObject().Remove(change[1..]);
        }
        else
        {
            var (path, value) = (change.Split('=')[0], change.Split('=', 2)[1]);
            var parts = path.Split('.');
            var parent = parts.Length == 1 ? target : Navigate(target, string.Join('.', parts[..^1]));
            parent.AsObject()[parts[^1]] = value.StartsWith('#') ? JsonValue.Create(long.Parse(value[1..], System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(value);
        }
        Assert.True(Validate(obj).Count > 0, $"{name}: the schema accepted it");
    }

    private static JsonNode Navigate(JsonNode node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = int.TryParse(part, out var i) ? node[i]! : node[part]!;
        }
        return node;
    }
}
