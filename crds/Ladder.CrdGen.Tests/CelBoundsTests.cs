using System.Text.Json.Nodes;

namespace Ladder.CrdGen.Tests;

/// <summary>
/// The API server estimates each CEL rule's worst-case cost from the bounds of what the rule can reach and refuses
/// the CRD when a rule (or the schema's total) exceeds the budget ("estimated rule cost exceeds budget"). An
/// unbounded list, map or string under a rule is sized at the request limit (3 MiB), so every one of them must
/// carry <c>maxItems</c>, <c>maxProperties</c> or <c>maxLength</c>. A rule sees its node's whole subtree; a root rule
/// sees the whole object, so in practice every node of a CRD with a root rule is checked.
/// </summary>
public class CelBoundsTests
{
    public static TheoryData<string> Crds() => [.. CrdGenerator.GenerateAll().Select(c => c.FileName)];

    [Theory]
    [MemberData(nameof(Crds))]
    public void Generate_Should_BoundEveryListMapAndString_When_ACelRuleReachesIt(string fileName)
    {
        var crd = CrdGenerator.GenerateAll().Single(c => c.FileName == fileName);
        var unbounded = new SortedSet<string>(StringComparer.Ordinal);
        FindRules(crd.Schema, "openAPIV3Schema", unbounded, isRoot: true);
        Assert.True(unbounded.Count == 0,
            $"{fileName}: under a CEL rule but without a bound (add [MaxItems], [MaxLength] or [MaxProperties]):\n  "
            + string.Join("\n  ", unbounded));
    }

    [Fact]
    public void Guard_Should_ReportAStringList_When_ItHasNoBounds()
    {
        var schema = JsonNode.Parse("""
            {"type":"object","x-kubernetes-validations":[{"rule":"true","message":"m"}],
             "properties":{"names":{"type":"array","items":{"type":"string"}},
                           "tags":{"type":"object","additionalProperties":{"type":"string","maxLength":5},"maxProperties":3}}}
            """)!.AsObject();
        var unbounded = new SortedSet<string>(StringComparer.Ordinal);
        FindRules(schema, "s", unbounded, isRoot: false);
        Assert.Equal(["s.names: array without maxItems", "s.names[]: string without maxLength"], unbounded);
    }

    private static void FindRules(JsonObject node, string path, ISet<string> unbounded, bool isRoot)
    {
        if (node["x-kubernetes-validations"] is JsonArray { Count: > 0 })
        {
            CheckBounded(node, path, unbounded, isRoot);
            return;
        }
        foreach (var (childPath, child) in Children(node, path, isRoot))
        {
            FindRules(child, childPath, unbounded, isRoot: false);
        }
    }

    private static void CheckBounded(JsonObject node, string path, ISet<string> unbounded, bool isRoot)
    {
        var type = node["type"]?.GetValue<string>();
        var intOrString = node["x-kubernetes-int-or-string"]?.GetValue<bool>() == true;
        if ((type == "string" || intOrString) && node["maxLength"] is null)
        {
            unbounded.Add($"{path}: string without maxLength");
        }
        if (type == "array" && node["maxItems"] is null)
        {
            unbounded.Add($"{path}: array without maxItems");
        }
        if (type == "object" && node["additionalProperties"] is JsonObject && node["maxProperties"] is null)
        {
            unbounded.Add($"{path}: map without maxProperties");
        }
        foreach (var (childPath, child) in Children(node, path, isRoot))
        {
            CheckBounded(child, childPath, unbounded, isRoot: false);
        }
    }

    // At the root the server owns metadata (its own bounded schema for name and generateName), apiVersion and kind
    // (which must match the CRD), so those three are skipped.
    private static IEnumerable<(string Path, JsonObject Node)> Children(JsonObject node, string path, bool isRoot)
    {
        if (node["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                if (!(isRoot && name is "metadata" or "apiVersion" or "kind"))
                {
                    yield return ($"{path}.{name}", child!.AsObject());
                }
            }
        }
        if (node["items"] is JsonObject items)
        {
            yield return ($"{path}[]", items);
        }
        if (node["additionalProperties"] is JsonObject values)
        {
            yield return ($"{path}{{}}", values);
        }
    }
}
