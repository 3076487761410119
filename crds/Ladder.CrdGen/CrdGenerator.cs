using System.Reflection;
using System.Text.Json.Nodes;
using Ladder.Api;
using Ladder.Api.Schema;

namespace Ladder.CrdGen;

/// <summary>Generates the CRDs of every <see cref="CustomResourceAttribute"/> type in the API assembly.</summary>
public static class CrdGenerator
{
    /// <summary>The annotation naming the generator in each CRD.</summary>
    public const string GeneratedByAnnotation = "ladder.dev/generated-by";

    /// <summary>Every CRD, ordered by file name.</summary>
    public static IReadOnlyList<GeneratedCrd> GenerateAll() => GenerateAll(typeof(LadderApi).Assembly);

    /// <summary>Every CRD of the custom resource types in <paramref name="assembly"/>, ordered by file name.</summary>
    public static IReadOnlyList<GeneratedCrd> GenerateAll(Assembly assembly)
    {
        var docs = new XmlDocs();
        return [.. assembly.GetTypes()
            .Where(t => t.IsDefined(typeof(CustomResourceAttribute), inherit: false))
            .Select(t => Generate(t, docs))
            .OrderBy(c => c.FileName, StringComparer.Ordinal)];
    }

    /// <summary>The CRD of one custom resource type.</summary>
    public static GeneratedCrd Generate(Type resource, XmlDocs docs)
    {
        var cr = resource.GetCustomAttribute<CustomResourceAttribute>()
            ?? throw new ArgumentException($"{resource} has no [CustomResource]", nameof(resource));
        var schema = new SchemaBuilder(docs, cr.PublishDefaults).ForResource(resource);
        var columns = new JsonArray();
        foreach (var c in resource.GetCustomAttributes<PrinterColumnAttribute>().OrderBy(c => c.Order))
        {
            var column = new JsonObject { ["jsonPath"] = c.JsonPath, ["name"] = c.Name, ["type"] = c.Type };
            if (c.Description is not null) { column["description"] = c.Description; }
            if (c.Priority != 0) { column["priority"] = c.Priority; }
            columns.Add(column);
        }
        var names = new JsonObject
        {
            ["kind"] = cr.Kind,
            ["listKind"] = cr.Kind + "List",
            ["plural"] = cr.Plural,
            ["singular"] = cr.Singular,
        };
        if (cr.Categories.Length > 0) { names["categories"] = new JsonArray([.. cr.Categories.Select(c => (JsonNode)c!)]); }
        if (cr.ShortNames.Length > 0) { names["shortNames"] = new JsonArray([.. cr.ShortNames.Select(s => (JsonNode)s!)]); }
        var version = new JsonObject
        {
            ["name"] = LadderApi.Version,
            ["schema"] = new JsonObject { ["openAPIV3Schema"] = schema },
            ["served"] = true,
            ["storage"] = true,
            ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
        };
        if (columns.Count > 0) { version["additionalPrinterColumns"] = columns; }
        var crd = new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject
            {
                ["name"] = LadderApi.CrdName(cr.Plural),
                ["annotations"] = new JsonObject { [GeneratedByAnnotation] = "crds/Ladder.CrdGen (make manifests); do not edit" },
            },
            ["spec"] = new JsonObject
            {
                ["group"] = LadderApi.Group,
                ["names"] = names,
                ["scope"] = "Namespaced",
                ["versions"] = new JsonArray(version),
            },
        };
        return new GeneratedCrd($"{LadderApi.Group}_{cr.Plural}.yaml", cr.Kind, crd);
    }

    /// <summary>Writes every CRD into <paramref name="directory"/>; returns the files whose content changed.</summary>
    public static IReadOnlyList<string> WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        var changed = new List<string>();
        foreach (var crd in GenerateAll())
        {
            var path = Path.Combine(directory, crd.FileName);
            var yaml = crd.Yaml;
            if (!File.Exists(path) || File.ReadAllText(path) != yaml)
            {
                File.WriteAllText(path, yaml);
                changed.Add(path);
            }
        }
        return changed;
    }
}
