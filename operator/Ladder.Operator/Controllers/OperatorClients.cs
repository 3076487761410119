using System.Text.Json;
using k8s;
using k8s.Models;
using Ladder.Api;
using Ladder.Api.Meta;
using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Errors;
using Ladder.Operator.Builders;

namespace Ladder.Operator.Controllers;

/// <summary>
/// Every API resource the operator talks to, with the verbs it uses: the one place to read when writing its RBAC
/// (<see cref="Rbac"/> lists them as rules). Everything goes through KubernetesClient's <see cref="IKubernetes"/>: the
/// informers list and watch through <see cref="ListWatch{T}"/>s, the writes (server-side apply of the runner objects,
/// status of Ladder's kinds) and the one direct read through its typed calls; a refusal surfaces as an
/// <see cref="ApiStatusException"/> naming the request and carrying the server's Status.
/// </summary>
internal sealed class OperatorClients(IKubernetes kube)
{
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

    /// <summary>LiveStreams: list/watch (status: <see cref="ReplaceStatusAsync{T}"/>).</summary>
    public ListWatch<LiveStream> Streams { get; } = ListWatch.Custom<LiveStream>(kube);

    /// <summary>TranscodeProfiles: list/watch (status: <see cref="ReplaceStatusAsync{T}"/>).</summary>
    public ListWatch<TranscodeProfile> Profiles { get; } = ListWatch.Custom<TranscodeProfile>(kube);

    /// <summary>Templates: list/watch (status: <see cref="ReplaceStatusAsync{T}"/>).</summary>
    public ListWatch<Template> Templates { get; } = ListWatch.Custom<Template>(kube);

    /// <summary>Secrets: list/watch (apply: <see cref="ApplySecretAsync"/>, get: <see cref="ReadSecretAsync"/>).</summary>
    public ListWatch<V1Secret> Secrets { get; } = ListWatch.Secrets(kube);

    /// <summary>Deployments: list/watch (apply: <see cref="ApplyDeploymentAsync"/>).</summary>
    public ListWatch<V1Deployment> Deployments { get; } = ListWatch.Deployments(kube);

    /// <summary>Services: list/watch (apply: <see cref="ApplyServiceAsync"/>).</summary>
    public ListWatch<V1Service> Services { get; } = ListWatch.Services(kube);

    /// <summary>Runner Pods: list/watch (their state explains a runner that does not answer).</summary>
    public ListWatch<V1Pod> Pods { get; } = ListWatch.Pods(kube);

    /// <summary>Server-side applies a runner Deployment (<c>PATCH</c>, <c>application/apply-patch+yaml</c>, forced).</summary>
    /// <exception cref="ApiStatusException">The server refused it (422 names the invalid field).</exception>
    public Task<V1Deployment> ApplyDeploymentAsync(V1Deployment desired, CancellationToken cancellationToken) =>
        ApiStatusException.SendAsync(Applying(desired), () => kube.AppsV1.PatchNamespacedDeploymentAsync(
            ApplyPatch(desired), desired.Metadata.Name, desired.Metadata.NamespaceProperty, fieldManager: RunnerLabels.FieldManager, force: true, cancellationToken: cancellationToken));

    /// <summary>Server-side applies a runner Service (<c>PATCH</c>, <c>application/apply-patch+yaml</c>, forced).</summary>
    /// <exception cref="ApiStatusException">The server refused it.</exception>
    public Task<V1Service> ApplyServiceAsync(V1Service desired, CancellationToken cancellationToken) =>
        ApiStatusException.SendAsync(Applying(desired), () => kube.CoreV1.PatchNamespacedServiceAsync(
            ApplyPatch(desired), desired.Metadata.Name, desired.Metadata.NamespaceProperty, fieldManager: RunnerLabels.FieldManager, force: true, cancellationToken: cancellationToken));

    /// <summary>Server-side applies a stream Secret (<c>PATCH</c>, <c>application/apply-patch+yaml</c>, forced).</summary>
    /// <exception cref="ApiStatusException">The server refused it.</exception>
    public Task<V1Secret> ApplySecretAsync(V1Secret desired, CancellationToken cancellationToken) =>
        ApiStatusException.SendAsync(Applying(desired), () => kube.CoreV1.PatchNamespacedSecretAsync(
            ApplyPatch(desired), desired.Metadata.Name, desired.Metadata.NamespaceProperty, fieldManager: RunnerLabels.FieldManager, force: true, cancellationToken: cancellationToken));

    /// <summary>Reads a Secret from the API server; null when it does not exist (404).</summary>
    /// <exception cref="ApiStatusException">The server refused the read for another reason (403: RBAC).</exception>
    public async Task<V1Secret?> ReadSecretAsync(string? @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await ApiStatusException.SendAsync($"get Secret {@namespace}/{name}",
                () => kube.CoreV1.ReadNamespacedSecretAsync(name, @namespace, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Replaces the <c>status</c> subresource of one of Ladder's kinds (<c>PUT .../status</c> through
    /// <see cref="IKubernetes.CustomObjects"/>). The body carries <c>metadata.resourceVersion</c>, so a status written
    /// from a stale read is refused with 409 Conflict (optimistic concurrency) and the reconcile retries from the cache.
    /// </summary>
    /// <typeparam name="T">A kind with <see cref="KubernetesEntityAttribute"/> (group, version, plural: <see cref="ResourceKind.For{T}"/>).</typeparam>
    /// <exception cref="ApiStatusException">The server refused the write (409 on a stale resourceVersion, 404 once deleted).</exception>
    public Task ReplaceStatusAsync<T>(T obj, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var resource = ResourceKind.For<T>();
        var body = JsonSerializer.SerializeToNode(obj, WireJson.Options)!.AsObject();
        body["apiVersion"] ??= resource.ApiVersion;
        body["kind"] ??= resource.Kind;
        return ApiStatusException.SendAsync($"update the status of {resource.Kind} {obj.Metadata.NamespaceProperty}/{obj.Metadata.Name}", () => kube.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(
            body, resource.Group, resource.Version, obj.Metadata.NamespaceProperty, resource.Plural, obj.Metadata.Name,
            fieldManager: RunnerLabels.FieldManager, cancellationToken: cancellationToken));
    }

    private static V1Patch ApplyPatch(object desired) => new(desired, V1Patch.PatchType.ApplyPatch);

    private static string Applying(IKubernetesObject<V1ObjectMeta> obj) => $"apply {obj.Kind} {obj.Metadata.NamespaceProperty}/{obj.Metadata.Name}";
}
