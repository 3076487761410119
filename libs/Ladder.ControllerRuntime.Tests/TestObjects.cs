using k8s.Models;
using Ladder.Kubernetes.Models;

namespace Ladder.ControllerRuntime.Tests;

/// <summary>A minimal custom resource for tests: a Widget with an optional profile reference.</summary>
public sealed class Widget : KubernetesObject
{
    public string? ProfileRef { get; set; }

    public static Widget Create(string name, string? ns = "demo", string? profile = null, string resourceVersion = "1") => new()
    {
        ApiVersion = "example.com/v1alpha1",
        Kind = "Widget",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, ResourceVersion = resourceVersion, Uid = "uid-" + name },
        ProfileRef = profile,
    };
}
