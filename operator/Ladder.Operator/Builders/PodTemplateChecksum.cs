using System.Security.Cryptography;
using System.Text.Json;
using k8s.Models;
using Ladder.Api.Meta;

namespace Ladder.Operator.Builders;

/// <summary>
/// The digest of a runner pod spec, written to the pod template as <see cref="RunnerLabels.ChecksumAnnotation"/>.
/// The pod spec holds only what needs a new pod (image, resources and GPU, ports, scheduling, security); the pipeline
/// is in the Secret. So the checksum changes exactly when the runner must restart, and the reconciler compares it
/// with the live Deployment's to know whether a restart is under way (then it does not hot-reload the old pod).
/// </summary>
internal static class PodTemplateChecksum
{
    /// <summary><c>sha256:</c> and the lower-case hex SHA-256 of the spec's Kubernetes JSON.</summary>
    public static string Compute(V1PodSpec spec)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(spec, WireJson.Options);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(json));
    }

    /// <summary>The checksum annotation of a Deployment's pod template, or null.</summary>
    public static string? Of(V1Deployment? deployment) =>
        deployment?.Spec?.Template?.Metadata?.Annotations?.TryGetValue(RunnerLabels.ChecksumAnnotation, out var value) == true ? value : null;
}
