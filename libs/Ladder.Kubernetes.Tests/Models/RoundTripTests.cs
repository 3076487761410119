using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ladder.Api.Meta;
using Ladder.Kubernetes.Models;
using Ladder.Kubernetes.Testing;

namespace Ladder.Kubernetes.Tests.Models;

public sealed class RoundTripTests
{
    private static T Response<T>(string fixture) => JsonSerializer.Deserialize<T>(HttpFixture.Load(fixture).ResponseBody.Span, WireJson.Options)!;

    [Theory]
    [InlineData("48-get-deployment-status")]
    [InlineData("46-create-service")]
    [InlineData("04-get-crd-established")]
    public void UnknownFields_Should_SurviveAReadWriteRoundTrip(string fixture)
    {
        // Nulls are omitted on write (WireJson.Options), which the API server reads the same as null,
        // e.g. the pod template's "creationTimestamp":null.
        var original = WithoutNulls(JsonNode.Parse(HttpFixture.Load(fixture).ResponseBody.Span)!);
        var typed = fixture.Contains("deployment", StringComparison.Ordinal) ? (object)Response<Deployment>(fixture)
            : fixture.Contains("service", StringComparison.Ordinal) ? Response<Service>(fixture) : Response<CustomResourceDefinition>(fixture);
        var written = JsonSerializer.SerializeToNode(typed, typed.GetType(), WireJson.Options);
        Assert.True(JsonNode.DeepEquals(original, written), $"round trip changed {fixture}:\n{written}");
    }

    private static JsonNode WithoutNulls(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                obj.Remove(key);
            }

            foreach (var child in obj.Select(p => p.Value!).ToList())
            {
                WithoutNulls(child);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                WithoutNulls(child!);
            }
        }

        return node;
    }

    [Fact]
    public void Deployment_Should_ExposeStatusAndConditions()
    {
        var deployment = Response<Deployment>("48-get-deployment-status");
        Assert.Equal(2, deployment.Spec!.Replicas);
        Assert.Equal("nginx:1.25", deployment.Spec.Template!.Spec!.Containers![0].Image);
        Assert.Equal(8080, deployment.Spec.Template.Spec.Containers[0].Ports![0].Port);
        Assert.Contains(deployment.Status!.Conditions!, c => c.Type == "Available" && c.Status == ConditionStatus.False && c.Reason == "MinimumReplicasUnavailable");
    }

    [Fact]
    public void Crd_Should_ReportEstablished()
    {
        var crd = Response<CustomResourceDefinition>("04-get-crd-established");
        Assert.Contains(crd.Status!.Conditions!, c => c.Type == "Established" && c.Status == ConditionStatus.True);
        Assert.Equal("Widget", crd.Spec!.Names!.Kind);
    }

    [Fact]
    public void Secret_Should_DecodeBase64Data()
    {
        var secret = Response<Secret>("45-create-secret");
        Assert.Equal("widget", Encoding.UTF8.GetString(secret.Data!["username"]));
    }

    [Fact]
    public void Lease_Should_WriteMicroTimeWithSixFractionalDigits()
    {
        var lease = new Lease { Spec = new LeaseSpec { RenewTime = new DateTimeOffset(2026, 11, 21, 10, 5, 30, TimeSpan.Zero).AddTicks(1234560) } };
        var json = JsonSerializer.Serialize(lease, WireJson.Options);
        Assert.Contains("\"renewTime\":\"2026-11-21T10:05:30.123456Z\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_Should_ReadTargetPortAsIntOrString()
    {
        var service = Response<Service>("46-create-service");
        Assert.Equal(8080, service.Spec!.Ports![0].TargetPort!.IntValue);
        Assert.False(string.IsNullOrEmpty(service.Spec.ClusterIP));
    }
}
