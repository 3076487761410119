using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// A container of a <see cref="PodSpec"/>.
/// </summary>
public sealed class Container
{
    /// <summary>The container name, unique in the pod (DNS label).</summary>
    public string? Name { get; set; }

    /// <summary>The image reference.</summary>
    public string? Image { get; set; }

    /// <summary><c>Always</c>, <c>IfNotPresent</c> or <c>Never</c>.</summary>
    public string? ImagePullPolicy { get; set; }

    /// <summary><c>File</c> (the default) or <c>FallbackToLogsOnError</c>: where the kubelet takes a terminated container's message from.</summary>
    public string? TerminationMessagePolicy { get; set; }

    /// <summary>The entrypoint, replacing the image's ENTRYPOINT.</summary>
    public IList<string>? Command { get; set; }

    /// <summary>Arguments, replacing the image's CMD.</summary>
    public IList<string>? Args { get; set; }

    /// <summary>Ports the container listens on (informational, and named for probes and services).</summary>
    public IList<ContainerPort>? Ports { get; set; }

    /// <summary>Environment variables.</summary>
    public IList<EnvVar>? Env { get; set; }

    /// <summary>CPU and memory requests and limits.</summary>
    public ResourceRequirements? Resources { get; set; }

    /// <summary>Volumes mounted into the container.</summary>
    public IList<VolumeMount>? VolumeMounts { get; set; }

    /// <summary>Restarts the container when it fails.</summary>
    public Probe? LivenessProbe { get; set; }

    /// <summary>Removes the pod from service endpoints while it fails.</summary>
    public Probe? ReadinessProbe { get; set; }

    /// <summary>Holds the other probes until it succeeds once.</summary>
    public Probe? StartupProbe { get; set; }

    /// <summary>The container security context, as sent.</summary>
    public JsonElement? SecurityContext { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
