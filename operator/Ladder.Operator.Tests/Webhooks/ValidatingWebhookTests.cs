using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ladder.Api.Meta;
using Ladder.Operator.Tests.Support;
using Ladder.Operator.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Ladder.Operator.Tests.Webhooks;

public sealed class ValidatingWebhookTests
{
    private static async Task<JsonNode> PostAsync(JsonNode stream, string operation = "CREATE")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        app.MapValidatingWebhooks();
        await app.StartAsync();
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject { ["uid"] = "705ab4f5-6393-11e8-b7cc-42010a800002", ["operation"] = operation, ["object"] = stream },
        };
        using var response = await app.GetTestClient().PostAsJsonAsync("/validate-ladder-dev-v1alpha1-livestream", review);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static JsonNode StreamJson() => JsonSerializer.SerializeToNode(TestObjects.Stream(), WireJson.Options)!;

    [Fact]
    public async Task Review_Should_Admit_When_StreamIsValid()
    {
        var answer = await PostAsync(StreamJson());

        Assert.Equal("AdmissionReview", answer["kind"]!.GetValue<string>());
        Assert.Equal("705ab4f5-6393-11e8-b7cc-42010a800002", answer["response"]!["uid"]!.GetValue<string>());
        Assert.True(answer["response"]!["allowed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Review_Should_RejectNamingTheField_When_InputSchemeIsUnsupported()
    {
        var stream = StreamJson();
        stream["spec"]!["inputs"]![0]!["url"] = "ftp://0.0.0.0/live";

        var response = (await PostAsync(stream))["response"]!;

        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.Equal(422, response["status"]!["code"]!.GetValue<int>());
        Assert.Contains("spec.inputs[0].url", response["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("spec.inputs[0].url", response["status"]!["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Review_Should_Admit_When_InvalidObjectIsDeleted()
    {
        var stream = StreamJson();
        stream["spec"]!["inputs"]![0]!["url"] = "ftp://0.0.0.0/live";

        Assert.True((await PostAsync(stream, "DELETE"))["response"]!["allowed"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("1news")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task Review_Should_RejectNamingMetadataName_When_StreamNameIsNotADns1035Label(string name)
    {
        var stream = StreamJson();
        stream["metadata"]!["name"] = name;

        var response = (await PostAsync(stream))["response"]!;

        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.StartsWith("metadata.name: ", response["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("DNS-1035", response["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("metadata.name", response["status"]!["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }
}
