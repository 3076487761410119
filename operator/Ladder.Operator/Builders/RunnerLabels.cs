using k8s;
using k8s.Models;
using Ladder.Api.V1Alpha1;

namespace Ladder.Operator.Builders;

/// <summary>
/// Names, labels and annotations of the objects the operator owns for a LiveStream. The Deployment and Service are
/// named after the stream (a DNS label of at most 63 characters, as the LiveStream validator enforces); the Secret is
/// <c>{stream}-pipeline</c>.
/// </summary>
internal static class RunnerLabels
{
    /// <summary>The field manager of every server-side apply and status write.</summary>
    public const string FieldManager = "ladder-operator";

    /// <summary>Label naming the LiveStream an object belongs to; part of the pod selector.</summary>
    public const string StreamLabel = "ladder.dev/livestream";

    /// <summary>Pod template annotation: digest of everything in the pod spec (a change means a new pod).</summary>
    public const string ChecksumAnnotation = "ladder.dev/pod-template-checksum";

    /// <summary>Secret annotation: the PipelineSpec generation stored in it.</summary>
    public const string PipelineGenerationAnnotation = "ladder.dev/pipeline-generation";

    /// <summary>The runner container's name.</summary>
    public const string ContainerName = "runner";

    /// <summary>The Deployment and Service name.</summary>
    public static string WorkloadName(LiveStream stream) => stream.Metadata.Name!;

    /// <summary>The Secret holding the PipelineSpec and the admin token.</summary>
    public static string SecretName(LiveStream stream) => SecretName(stream.Metadata.Name!);

    /// <summary>The Secret name for a stream name.</summary>
    public static string SecretName(string streamName) => streamName + "-pipeline";

    /// <summary>The name of the stream an object's <see cref="StreamLabel"/> names, or null when it has none.</summary>
    public static string? StreamOf(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata.Labels?.TryGetValue(StreamLabel, out var stream) == true ? stream : null;

    /// <summary>The labels that select the stream's runner pod (immutable in a Deployment once created).</summary>
    public static SortedDictionary<string, string> Selector(LiveStream stream) => new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = "ladder-runner",
        [StreamLabel] = stream.Metadata.Name!,
    };

    /// <summary>The selector plus the recommended <c>app.kubernetes.io</c> labels.</summary>
    public static SortedDictionary<string, string> Labels(LiveStream stream)
    {
        var labels = Selector(stream);
        labels["app.kubernetes.io/instance"] = stream.Metadata.Name!;
        labels["app.kubernetes.io/component"] = "runner";
        labels["app.kubernetes.io/part-of"] = "ladder";
        labels["app.kubernetes.io/managed-by"] = FieldManager;
        return labels;
    }
}
