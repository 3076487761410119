using k8s.Models;
using Ladder.Api.Runner;
using Ladder.Operator.Hosting;
using ApiResources = Ladder.Api.V1Alpha1.ResourceRequirements;
using ApiToleration = Ladder.Api.V1Alpha1.Toleration;

namespace Ladder.Operator.Builders;

/// <summary>
/// The runner Deployment of a stream, a pure function of <see cref="RunnerInputs"/> and the operator's options: one
/// replica (zero when paused), strategy Recreate (two runners would fight over the ingest ports), the image from
/// <c>spec.runner.image</c> or the operator's default, ports per listening input, probes on <c>/healthz</c> and
/// <c>/readyz</c>, resources plus the GPU the profile's hardware needs, nodeSelector and tolerations, a non-root
/// read-only container without capabilities, Prometheus scrape annotations and the pod template checksum.
/// </summary>
/// <remarks>
/// The pod template holds nothing about the pipeline itself (the spec is in the Secret, mounted as a file the runner
/// starts from and replaced through the admin API afterwards), so pipeline-only changes leave it byte-identical.
/// </remarks>
internal static class RunnerDeploymentBuilder
{
    /// <summary>The user and group the runner runs as (the distroless <c>nonroot</c> user).</summary>
    public const long RunAsUser = 65532;

    private const string SpecVolume = "pipeline";
    private const string TmpVolume = "tmp";
    private static readonly string[] DropAll = ["ALL"];

    /// <summary>Builds the Deployment.</summary>
    public static V1Deployment Build(RunnerInputs inputs, OperatorOptions options)
    {
        var stream = inputs.Stream;
        var template = BuildPodTemplate(inputs, options);
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = OwnerReferences.OwnedMetadata(stream, RunnerLabels.WorkloadName(stream)),
            Spec = new V1DeploymentSpec
            {
                Replicas = inputs.Paused ? 0 : 1,
                Selector = new V1LabelSelector { MatchLabels = RunnerLabels.Selector(stream) },
                Strategy = new V1DeploymentStrategy { Type = "Recreate" },
                RevisionHistoryLimit = 3,
                Template = template,
            },
        };
    }

    private static V1PodTemplateSpec BuildPodTemplate(RunnerInputs inputs, OperatorOptions options)
    {
        var stream = inputs.Stream;
        var runner = inputs.Spec.Runner;
        var ports = RunnerPorts.For(inputs.Pipeline);
        var container = new V1Container
        {
            Name = RunnerLabels.ContainerName,
            Image = string.IsNullOrEmpty(runner?.Image) ? options.RunnerImage : runner.Image,
            ImagePullPolicy = options.RunnerImagePullPolicy,
            // The runner writes why it stopped to /dev/termination-log; when it dies before it can (a crash, OOM), the
            // kubelet takes the log's tail instead, so lastState.terminated.message always says something.
            TerminationMessagePolicy = "FallbackToLogsOnError",
            Args = ["run", "--spec", RunnerAdminApi.SpecFile, "--http", $"0.0.0.0:{RunnerAdminApi.HttpPort}"],
            Ports = [.. ports.Select(p => new V1ContainerPort { Name = p.Name, ContainerPort = p.Port, Protocol = p.Protocol })],
            Env =
            [
                new V1EnvVar
                {
                    Name = RunnerAdminApi.TokenEnvironmentVariable,
                    ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = RunnerLabels.SecretName(stream), Key = RunnerAdminApi.TokenSecretKey } },
                },
            ],
            Resources = Resources(runner?.Resources, inputs.Pipeline.Video),
            VolumeMounts =
            [
                new V1VolumeMount { Name = SpecVolume, MountPath = RunnerAdminApi.SpecDirectory, ReadOnlyProperty = true },
                new V1VolumeMount { Name = TmpVolume, MountPath = "/tmp" },
            ],
            LivenessProbe = new V1Probe
            {
                HttpGet = new V1HTTPGetAction { Path = RunnerAdminApi.HealthPath, Port = RunnerPorts.HttpPortName },
                InitialDelaySeconds = 5,
                PeriodSeconds = 10,
                TimeoutSeconds = 2,
                FailureThreshold = 3,
            },
            ReadinessProbe = new V1Probe
            {
                HttpGet = new V1HTTPGetAction { Path = RunnerAdminApi.ReadyPath, Port = RunnerPorts.HttpPortName },
                PeriodSeconds = 5,
                TimeoutSeconds = 2,
                FailureThreshold = 3,
            },
            SecurityContext = new V1SecurityContext
            {
                AllowPrivilegeEscalation = false,
                ReadOnlyRootFilesystem = true,
                RunAsNonRoot = true,
                Capabilities = new V1Capabilities { Drop = DropAll },
            },
        };
        var spec = new V1PodSpec
        {
            Containers = [container],
            Volumes =
            [
                new V1Volume
                {
                    Name = SpecVolume,
                    Secret = new V1SecretVolumeSource
                    {
                        SecretName = RunnerLabels.SecretName(stream),
                        Items = [new V1KeyToPath { Key = RunnerAdminApi.PipelineSecretKey, Path = RunnerAdminApi.PipelineSecretKey }],
                        DefaultMode = 288, // 0440: the runner's group (fsGroup) reads it
                    },
                },
                new V1Volume { Name = TmpVolume, EmptyDir = new V1EmptyDirVolumeSource() },
            ],
            NodeSelector = runner?.NodeSelector is { Count: > 0 } selector ? new SortedDictionary<string, string>(selector, StringComparer.Ordinal) : null,
            Tolerations = runner?.Tolerations is { Count: > 0 } tolerations ? [.. tolerations.Select(Toleration)] : null,
            SecurityContext = new V1PodSecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = RunAsUser,
                RunAsGroup = RunAsUser,
                FsGroup = RunAsUser,
                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
            },
            TerminationGracePeriodSeconds = 30,
            AutomountServiceAccountToken = false,
            EnableServiceLinks = false,
        };
        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta
            {
                Labels = RunnerLabels.Labels(stream),
                Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    [RunnerLabels.ChecksumAnnotation] = PodTemplateChecksum.Compute(spec),
                    ["prometheus.io/scrape"] = "true",
                    ["prometheus.io/port"] = RunnerAdminApi.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["prometheus.io/path"] = RunnerAdminApi.MetricsPath,
                },
            },
            Spec = spec,
        };
    }

    // The stream's resources (or what its ladder needs, RunnerResourceEstimate), plus one GPU of the kind the hardware
    // needs unless the stream already asks for that resource. Extended resources go in limits (requests default to limits).
    // ResourceQuantity writes the canonical form the API server stores (2000m as 2, 1024Mi as 1Gi, 0.5 as 500m), so the
    // live Deployment matches the desired one and an unchanged stream sends no apply.
    private static V1ResourceRequirements Resources(ApiResources? own, Ladder.Api.Pipeline.PipelineVideo video)
    {
        var estimate = RunnerResourceEstimate.Quantities(video);
        var requests = own is null
            ? new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["cpu"] = new(estimate.Cpu), ["memory"] = new(estimate.Memory) }
            : Quantities(own.Requests);
        var limits = own is null
            ? new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["memory"] = new(estimate.MemoryLimit) }
            : Quantities(own.Limits);
        if (GpuResources.For(video.Hardware) is { } gpu && !limits.ContainsKey(gpu) && !requests.ContainsKey(gpu))
        {
            limits[gpu] = new ResourceQuantity("1");
        }

        return new V1ResourceRequirements { Requests = requests.Count == 0 ? null : requests, Limits = limits.Count == 0 ? null : limits };
    }

    private static SortedDictionary<string, ResourceQuantity> Quantities(IDictionary<string, Ladder.Api.Primitives.ResourceQuantity>? values) =>
        new((values ?? new Dictionary<string, Ladder.Api.Primitives.ResourceQuantity>()).ToDictionary(p => p.Key, p => new ResourceQuantity(p.Value.Value), StringComparer.Ordinal), StringComparer.Ordinal);

    private static V1Toleration Toleration(ApiToleration t) => new()
    {
        Key = t.Key,
        OperatorProperty = t.Operator,
        Value = t.Value,
        Effect = t.Effect,
        TolerationSeconds = t.TolerationSeconds,
    };
}
