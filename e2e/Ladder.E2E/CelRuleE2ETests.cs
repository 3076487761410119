using System.Text.Json.Nodes;
using Ladder.Api.Manifests;
using Ladder.ControllerRuntime.Errors;

namespace Ladder.E2E;

/// <summary>
/// Every CEL rule of the CRDs is compiled and enforced by the real API server: each bad case is refused at admission
/// with the field path and the rule's message. A plain test (no cluster needed) keeps the table complete: a rule
/// added to the CRDs without a case here fails it.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class CelRuleE2ETests(OperatorFixture fixture)
{
    [ClusterTheory]
    [MemberData(nameof(CelRuleCases.All), MemberType = typeof(CelRuleCases))]
    public async Task Apply_Should_BeRefusedNamingTheField_When_ACelRuleIsBroken(string name, string patch, string field, string message)
    {
        var stream = CelRuleCases.Merge(CelRuleCases.Valid("cel-case"), JsonNode.Parse(patch)!.AsObject());
        stream["metadata"]!["namespace"] = fixture.Namespace;

        var error = await Assert.ThrowsAsync<ApiStatusException>(() => fixture.ApplyAsync(stream));

        Assert.True(error.IsInvalid, $"{name}: {error.Message}");
        Assert.Contains(error.Causes, c => c.Field == field && c.Message?.Contains(message, StringComparison.Ordinal) == true);
    }

    [ClusterFact]
    public async Task Apply_Should_Accept_When_TheBaseCaseIsValid()
    {
        var applied = (await fixture.ApplyYamlAsync(CelRuleCases.Valid("cel-valid").ToJsonString())).Single();

        Assert.Equal("cel-valid", applied.Metadata.Name);
    }

    [Fact]
    public void Cases_Should_CoverEveryCelRule_When_TheCrdsAreRead()
    {
        var messages = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(OperatorFixture.RepoRoot, "crds"), "ladder.dev_*.yaml"))
        {
            CollectMessages(YamlJson.ToJson(File.ReadAllText(file))!, messages);
        }

        var covered = CelRuleCases.All.Select(row => (string)row[3]).ToList();
        Assert.NotEmpty(messages);
        Assert.All(messages.Distinct(), m => Assert.True(covered.Any(c => m.StartsWith(c, StringComparison.Ordinal)), $"no bad case in CelRuleCases for the rule \"{m}\""));
    }

    private static void CollectMessages(JsonNode node, List<string> messages)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["x-kubernetes-validations"] is JsonArray rules)
                {
                    messages.AddRange(rules.Select(r => r!["message"]!.GetValue<string>()));
                }

                foreach (var (_, child) in obj.Where(p => p.Value is not null))
                {
                    CollectMessages(child!, messages);
                }

                break;
            case JsonArray array:
                foreach (var child in array.OfType<JsonNode>())
                {
                    CollectMessages(child, messages);
                }

                break;
        }
    }
}
