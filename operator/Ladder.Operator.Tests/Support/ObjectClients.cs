using k8s;
using k8s.Models;
using Ladder.Api.V1Alpha1;
using Ladder.Kubernetes.Testing;

namespace Ladder.Operator.Tests.Support;

/// <summary>What a test does to the API server from the user's side (kubectl, or the cluster's own controllers): one <see cref="ObjectClient{T}"/> per kind the operator reads or writes.</summary>
/// <param name="kubernetes">The client; the caller disposes it.</param>
internal sealed class ObjectClients(IKubernetes kubernetes)
{
    public ObjectClient<LiveStream> Streams { get; } = new(kubernetes);

    public ObjectClient<TranscodeProfile> Profiles { get; } = new(kubernetes);

    public ObjectClient<Template> Templates { get; } = new(kubernetes);

    public ObjectClient<V1Secret> Secrets { get; } = new(kubernetes);

    public ObjectClient<V1Deployment> Deployments { get; } = new(kubernetes);

    public ObjectClient<V1Service> Services { get; } = new(kubernetes);

    public ObjectClient<V1Pod> Pods { get; } = new(kubernetes);
}
