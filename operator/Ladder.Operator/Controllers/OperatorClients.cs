using Ladder.Api;
using Ladder.Api.V1Alpha1;
using Ladder.Kubernetes;
using Ladder.Kubernetes.Models;

namespace Ladder.Operator.Controllers;

/// <summary>
/// Every API resource the operator talks to, with the verbs it uses: the one place to read when writing its RBAC
/// (<see cref="Rbac"/> lists them as rules).
/// </summary>
internal sealed class OperatorClients(KubernetesClient client)
{
    /// <summary><c>ladder.dev/v1alpha1</c> livestreams.</summary>
    public static ApiResource LiveStreamResource { get; } = ApiResource.For<LiveStream>();

    /// <summary><c>ladder.dev/v1alpha1</c> transcodeprofiles.</summary>
    public static ApiResource TranscodeProfileResource { get; } = ApiResource.For<TranscodeProfile>();

    /// <summary><c>ladder.dev/v1alpha1</c> templates.</summary>
    public static ApiResource TemplateResource { get; } = ApiResource.For<Template>();

    /// <summary>
    /// The RBAC rules the operator needs, as (API group, resource, verbs). Kept next to the clients so that a new call
    /// shows up here; the Helm chart's ClusterRole and its coverage test read this list.
    /// </summary>
    public static IReadOnlyList<(string Group, string Resource, string[] Verbs)> Rbac { get; } =
    [
        (LadderApi.Group, LadderApi.Plurals.LiveStreams, ["get", "list", "watch"]),
        (LadderApi.Group, LadderApi.Plurals.LiveStreams + "/status", ["get", "update", "patch"]),
        (LadderApi.Group, LadderApi.Plurals.TranscodeProfiles, ["get", "list", "watch"]),
        (LadderApi.Group, LadderApi.Plurals.TranscodeProfiles + "/status", ["get", "update", "patch"]),
        (LadderApi.Group, LadderApi.Plurals.Templates, ["get", "list", "watch"]),
        (LadderApi.Group, LadderApi.Plurals.Templates + "/status", ["get", "update", "patch"]),
        ("", "secrets", ["get", "list", "watch", "create", "update", "patch"]),
        ("", "services", ["get", "list", "watch", "create", "update", "patch"]),
        ("apps", "deployments", ["get", "list", "watch", "create", "update", "patch"]),
        ("", "pods", ["get", "list", "watch"]),
        ("events.k8s.io", "events", ["create", "patch"]),
        ("coordination.k8s.io", "leases", ["get", "create", "update"]),
    ];

    /// <summary>LiveStreams: list/watch, status updates.</summary>
    public IResourceClient<LiveStream> Streams { get; } = client.Resource<LiveStream>(LiveStreamResource);

    /// <summary>TranscodeProfiles: list/watch, status updates.</summary>
    public IResourceClient<TranscodeProfile> Profiles { get; } = client.Resource<TranscodeProfile>(TranscodeProfileResource);

    /// <summary>Templates: list/watch, status updates.</summary>
    public IResourceClient<Template> Templates { get; } = client.Resource<Template>(TemplateResource);

    /// <summary>Secrets: list/watch, apply (the stream Secret).</summary>
    public IResourceClient<Secret> Secrets { get; } = client.Resource<Secret>(ApiResource.Secrets);

    /// <summary>Deployments: list/watch, apply.</summary>
    public IResourceClient<Deployment> Deployments { get; } = client.Resource<Deployment>(ApiResource.Deployments);

    /// <summary>Services: list/watch, apply.</summary>
    public IResourceClient<Service> Services { get; } = client.Resource<Service>(ApiResource.Services);

    /// <summary>Runner Pods: list/watch (their state explains a runner that does not answer).</summary>
    public IResourceClient<Pod> Pods { get; } = client.Resource<Pod>(ApiResource.Pods);
}
