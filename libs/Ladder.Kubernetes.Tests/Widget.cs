using System.Text.Json;
using k8s.Models;
using Ladder.Api.Meta;
using Ladder.Kubernetes.Models;

namespace Ladder.Kubernetes.Tests;

/// <summary>The fixtures' example.com/v1alpha1 Widget.</summary>
[KubernetesEntity(Group = "example.com", ApiVersion = "v1alpha1", Kind = "Widget", PluralName = "widgets")]
public sealed class Widget : KubernetesObject
{
    public static readonly ApiResource Resource = ApiResource.For<Widget>();

    public WidgetSpec? Spec { get; set; }

    public JsonElement? Status { get; set; }

    public static Widget FromFixtureRequest(string fixture) =>
        JsonSerializer.Deserialize<Widget>(Ladder.Kubernetes.Testing.HttpFixture.Load(fixture).RequestBody, WireJson.Options)!;
}

public sealed class WidgetSpec
{
    public int? Size { get; set; }

    public string? Color { get; set; }

    [System.Text.Json.Serialization.JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
