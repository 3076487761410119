using Ladder.Kubernetes.Models;

namespace Ladder.Api.V1Alpha1;

/// <summary>An object of the <c>ladder.dev/v1alpha1</c> API: created with apiVersion and kind set.</summary>
public abstract class LadderObject : KubernetesObject
{
    /// <summary>Sets apiVersion to <see cref="LadderApi.ApiVersion"/> and kind to <paramref name="kind"/>.</summary>
    protected LadderObject(string kind)
    {
        ApiVersion = LadderApi.ApiVersion;
        Kind = kind;
    }
}
