using System.Text.Json.Nodes;
using Ladder.Api;

namespace Ladder.CrdGen.Tests;

public class CrdStructureTests
{
    private static GeneratedCrd Crd(string kind) => CrdGenerator.GenerateAll().Single(c => c.Kind == kind);

    private static JsonNode At(JsonNode node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node[part] ?? throw new KeyNotFoundException($"{path}: no {part}");
        }
        return node;
    }

    [Theory]
    [InlineData(LadderApi.Kinds.LiveStream, "livestreams", "livestream", "ls")]
    [InlineData(LadderApi.Kinds.TranscodeProfile, "transcodeprofiles", "transcodeprofile", "tp")]
    [InlineData(LadderApi.Kinds.Template, "templates", "template", "lt")]
    public void Names_scope_category_and_status_subresource(string kind, string plural, string singular, string shortName)
    {
        var crd = Crd(kind).Crd;
        Assert.Equal($"{plural}.ladder.dev", At(crd, "metadata.name").GetValue<string>());
        Assert.Equal("ladder.dev", At(crd, "spec.group").GetValue<string>());
        Assert.Equal("Namespaced", At(crd, "spec.scope").GetValue<string>());
        Assert.Equal(plural, At(crd, "spec.names.plural").GetValue<string>());
        Assert.Equal(singular, At(crd, "spec.names.singular").GetValue<string>());
        Assert.Equal(kind + "List", At(crd, "spec.names.listKind").GetValue<string>());
        Assert.Equal([shortName], At(crd, "spec.names.shortNames").AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["ladder"], At(crd, "spec.names.categories").AsArray().Select(n => n!.GetValue<string>()));
        var version = At(crd, "spec.versions").AsArray().Single()!;
        Assert.Equal("v1alpha1", version["name"]!.GetValue<string>());
        Assert.True(version["served"]!.GetValue<bool>() && version["storage"]!.GetValue<bool>());
        Assert.NotNull(version["subresources"]!["status"]);
        Assert.Equal(["spec"], At(version, "schema.openAPIV3Schema.required").AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void LiveStream_printer_columns_are_phase_active_input_ready_age()
    {
        var columns = At(Crd("LiveStream").Crd, "spec.versions").AsArray()[0]!["additionalPrinterColumns"]!.AsArray()
            .Where(c => c!["priority"] is null)
            .Select(c => (c!["name"]!.GetValue<string>(), c["jsonPath"]!.GetValue<string>(), c["type"]!.GetValue<string>()));
        Assert.Equal(
        [
            ("Phase", ".status.phase", "string"),
            ("Active Input", ".status.activeInput", "string"),
            ("Ready", ".status.conditions[?(@.type==\"Ready\")].status", "string"),
            ("Age", ".metadata.creationTimestamp", "date"),
        ], columns);
    }

    [Fact]
    public void Schemas_are_structural()
    {
        foreach (var crd in CrdGenerator.GenerateAll())
        {
            var problems = new List<string>();
            CheckStructural(crd.Schema, "openAPIV3Schema", problems);
            Assert.True(problems.Count == 0, crd.FileName + ":\n" + string.Join("\n", problems));
        }
    }

    // The rules of a structural schema that reflection could get wrong: every node has a type (or is
    // int-or-string), list-map keys are required, properties and additionalProperties are exclusive.
    private static void CheckStructural(JsonObject schema, string path, List<string> problems)
    {
        var intOrString = schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true;
        if (schema["type"] is null && !intOrString)
        {
            problems.Add($"{path}: no type");
        }
        if (intOrString && (schema["type"] is not null || schema["anyOf"] is null))
        {
            problems.Add($"{path}: int-or-string must have anyOf [integer, string] and no type");
        }
        if (schema["properties"] is not null && schema["additionalProperties"] is not null)
        {
            problems.Add($"{path}: properties and additionalProperties together");
        }
        if (schema["x-kubernetes-list-type"]?.GetValue<string>() == "map")
        {
            var itemRequired = schema["items"]?["required"]?.AsArray().Select(n => n!.GetValue<string>()).ToHashSet() ?? [];
            foreach (var key in schema["x-kubernetes-list-map-keys"]!.AsArray().Select(n => n!.GetValue<string>()))
            {
                if (!itemRequired.Contains(key))
                {
                    problems.Add($"{path}: list-map key {key} is not required in the items");
                }
            }
        }
        if (schema["description"] is JsonValue d && d.GetValue<string>().Length == 0)
        {
            problems.Add($"{path}: empty description");
        }
        foreach (var (name, child) in schema["properties"]?.AsObject() ?? [])
        {
            if (name != "metadata" && !path.EndsWith(".metadata", StringComparison.Ordinal) && child!["description"] is null && !path.EndsWith("conditions.items", StringComparison.Ordinal))
            {
                problems.Add($"{path}.{name}: no description (write an XML doc summary)");
            }
            CheckStructural(child!.AsObject(), path + "." + name, problems);
        }
        if (schema["items"] is JsonObject items)
        {
            CheckStructural(items, path + ".items", problems);
        }
        if (schema["additionalProperties"] is JsonObject additional)
        {
            CheckStructural(additional, path + ".additionalProperties", problems);
        }
    }

    [Fact]
    public void Cross_field_rules_are_cel_validations()
    {
        var ls = Crd("LiveStream").Schema;
        var specRules = Rules(At(ls, "properties.spec"));
        Assert.Contains("!(has(self.profileRef) && has(self.profile))", specRules);
        Assert.Contains(specRules, r => r.Contains("getMilliseconds() % ((has(self.profile.video.gopSeconds)", StringComparison.Ordinal));
        Assert.Contains("has(self.templateRef) || has(self.profileRef) || has(self.profile)", specRules);
        var video = At(ls, "properties.spec.properties.profile.properties.video");
        Assert.Contains("self.renditions.filter(r, has(r.passthrough) && r.passthrough).size() <= 1", Rules(video));
        Assert.Equal("map", At(ls, "properties.spec.properties.inputs.x-kubernetes-list-type").GetValue<string>());
        Assert.Equal("map", At(video, "properties.renditions.x-kubernetes-list-type").GetValue<string>());
        Assert.Equal("map", At(ls, "properties.spec.properties.outputs.properties.push.x-kubernetes-list-type").GetValue<string>());

        // A Template is partial: no rule requiring inputs or a profile.
        var templateRules = Rules(At(Crd("Template").Schema, "properties.spec"));
        Assert.Contains("!(has(self.profileRef) && has(self.profile))", templateRules);
        Assert.DoesNotContain(templateRules, r => r.Contains("templateRef", StringComparison.Ordinal));
        Assert.Null(At(Crd("Template").Schema, "properties.spec.properties")["templateRef"]);
    }

    [Fact]
    public void LiveStream_name_is_a_dns1035_label_by_the_metadata_schema()
    {
        var name = At(Crd("LiveStream").Schema, "properties.metadata.properties.name");
        Assert.Equal((63, Ladder.Api.V1Alpha1.LiveStream.NamePattern), (name["maxLength"]!.GetValue<int>(), name["pattern"]!.GetValue<string>()));
        Assert.Null(Crd("LiveStream").Schema["x-kubernetes-validations"]);
        Assert.Null(Crd("Template").Schema["properties"]!["metadata"]!["properties"]);

        // The server's pattern (ECMA-262) and the validator's .NET regex are one string and agree on it.
        foreach (var (candidate, valid) in new[] { ("news-hd", true), ("1news", false), ("news-", false), ("n", true) })
        {
            Assert.Equal(valid, Ladder.Api.Validation.SpecRules.Dns1035Label().IsMatch(candidate));
        }
    }

    private static List<string> Rules(JsonNode schema) =>
        schema["x-kubernetes-validations"]?.AsArray().Select(r => r!["rule"]!.GetValue<string>()).ToList() ?? [];

    [Fact]
    public void Defaults_are_published_only_where_nothing_is_inherited()
    {
        var tp = Crd("TranscodeProfile").Schema;
        Assert.Equal("h264", At(tp, "properties.spec.properties.video.properties.codec.default").GetValue<string>());
        Assert.Equal(2, At(tp, "properties.spec.properties.video.properties.gopSeconds.default").GetValue<int>());
        Assert.Equal("128k", At(tp, "properties.spec.properties.audio.properties.bitrate.default").GetValue<string>());
        Assert.DoesNotContain("\"default\"", Crd("LiveStream").Schema.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"default\"", Crd("Template").Schema.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Types_enums_and_int_or_string_come_from_the_csharp_types()
    {
        var video = At(Crd("TranscodeProfile").Schema, "properties.spec.properties.video");
        Assert.Equal(["h264", "hevc"], At(video, "properties.codec.enum").AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["none", "nvidia", "vaapi", "qsv"], At(video, "properties.hardware.enum").AsArray().Select(n => n!.GetValue<string>()));
        var bitrate = At(video, "properties.renditions.items.properties.bitrate");
        Assert.True(bitrate["x-kubernetes-int-or-string"]!.GetValue<bool>());
        Assert.Equal(Ladder.Api.Primitives.Bitrate.Pattern, bitrate["pattern"]!.GetValue<string>());
        Assert.Equal("Target video bitrate in bits per second: an integer or a string like 5000k or 5M.", bitrate["description"]!.GetValue<string>());
        Assert.Equal(2L, At(video, "properties.renditions.items.properties.width.multipleOf").GetValue<long>());
        var phase = At(Crd("LiveStream").Schema, "properties.status.properties.phase.enum").AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(["Pending", "Starting", "Live", "Degraded", "Failed", "Paused"], phase);
        var conditions = At(Crd("LiveStream").Schema, "properties.status.properties.conditions");
        Assert.Equal(["type"], conditions["x-kubernetes-list-map-keys"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["lastTransitionTime", "message", "reason", "status", "type"], At(conditions, "items.required").AsArray().Select(n => n!.GetValue<string>()));
    }
}
