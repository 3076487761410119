using k8s.Models;
using Ladder.Api;
using Ladder.Api.V1Alpha1;

namespace Ladder.Operator.Builders;

/// <summary>The owner reference every owned object carries, so the garbage collector deletes it with its LiveStream.</summary>
internal static class OwnerReferences
{
    /// <summary>A reference to <paramref name="stream"/> with <c>controller: true</c> and <c>blockOwnerDeletion: true</c>.</summary>
    public static V1OwnerReference ControllerReference(LiveStream stream) => new()
    {
        ApiVersion = LadderApi.ApiVersion,
        Kind = LadderApi.Kinds.LiveStream,
        Name = stream.Metadata.Name!,
        Uid = stream.Metadata.Uid ?? throw new ArgumentException($"LiveStream {stream.Metadata.NamespaceProperty}/{stream.Metadata.Name} has no metadata.uid: owner references need the object as read from the API server.", nameof(stream)),
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>Metadata of an owned object: name, namespace, labels and the controller reference.</summary>
    public static V1ObjectMeta OwnedMetadata(LiveStream stream, string name, IDictionary<string, string>? annotations = null) => new()
    {
        Name = name,
        NamespaceProperty = stream.Metadata.NamespaceProperty,
        Labels = RunnerLabels.Labels(stream),
        Annotations = annotations,
        OwnerReferences = [ControllerReference(stream)],
    };
}
