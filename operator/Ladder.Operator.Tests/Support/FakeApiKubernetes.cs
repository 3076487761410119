using k8s;
using Ladder.Kubernetes.Testing;

namespace Ladder.Operator.Tests.Support;

/// <summary>KubernetesClient's <see cref="IKubernetes"/> for a <see cref="FakeApiServer"/> (bearer token <c>test-token</c>), as the operator builds it from a kubeconfig.</summary>
internal static class FakeApiKubernetes
{
    /// <summary>A client of <paramref name="api"/>; the caller disposes it.</summary>
    public static k8s.Kubernetes For(FakeApiServer api) =>
        new(new KubernetesClientConfiguration { Host = api.Address.ToString(), AccessToken = "test-token" });
}
