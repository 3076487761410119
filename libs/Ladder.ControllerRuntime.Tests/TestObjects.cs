using k8s;
using k8s.Models;

namespace Ladder.ControllerRuntime.Tests;

/// <summary>A minimal custom resource for tests: a Widget with an optional profile reference.</summary>
[KubernetesEntity(Group = "example.com", ApiVersion = "v1alpha1", Kind = "Widget", PluralName = "widgets")]
public sealed class Widget : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "example.com/v1alpha1";

    public string Kind { get; set; } = "Widget";

    public V1ObjectMeta Metadata { get; set; } = new();

    public string? ProfileRef { get; set; }

    public static Widget Create(string name, string? ns = "demo", string? profile = null, string resourceVersion = "1") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, ResourceVersion = resourceVersion, Uid = "uid-" + name },
        ProfileRef = profile,
    };
}
