using k8s.Models;
using Ladder.Api.Runner;
using Ladder.Kubernetes.Models;
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
    public static Deployment Build(RunnerInputs inputs, OperatorOptions options)
    {
        var stream = inputs.Stream;
        var template = BuildPodTemplate(inputs, options);
        return new Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = OwnerReferences.OwnedMetadata(stream, RunnerLabels.WorkloadName(stream)),
            Spec = new DeploymentSpec
            {
                Replicas = inputs.Paused ? 0 : 1,
                Selector = new LabelSelector { MatchLabels = RunnerLabels.Selector(stream) },
                Strategy = KubeJson.Element(new { type = "Recreate" }),
                RevisionHistoryLimit = 3,
                Template = template,
            },
        };
    }

    private static PodTemplateSpec BuildPodTemplate(RunnerInputs inputs, OperatorOptions options)
    {
        var stream = inputs.Stream;
        var runner = inputs.Spec.Runner;
        var ports = RunnerPorts.For(inputs.Pipeline);
        var container = new Container
        {
            Name = RunnerLabels.ContainerName,
            Image = string.IsNullOrEmpty(runner?.Image) ? options.RunnerImage : runner.Image,
            ImagePullPolicy = options.RunnerImagePullPolicy,
            // The runner writes why it stopped to /dev/termination-log; when it dies before it can (a crash, OOM), the
            // kubelet takes the log's tail instead, so lastState.terminated.message always says something.
            TerminationMessagePolicy = "FallbackToLogsOnError",
            Args = ["run", "--spec", RunnerAdminApi.SpecFile, "--http", $"0.0.0.0:{RunnerAdminApi.HttpPort}"],
            Ports = [.. ports.Select(p => new ContainerPort { Name = p.Name, Port = p.Port, Protocol = p.Protocol })],
            Env =
            [
                new EnvVar
                {
                    Name = RunnerAdminApi.TokenEnvironmentVariable,
                    ValueFrom = KubeJson.Element(new { secretKeyRef = new { name = RunnerLabels.SecretName(stream), key = RunnerAdminApi.TokenSecretKey } }),
                },
            ],
            Resources = Resources(runner?.Resources, inputs.Pipeline.Video),
            VolumeMounts =
            [
                new VolumeMount { Name = SpecVolume, MountPath = RunnerAdminApi.SpecDirectory, ReadOnly = true },
                new VolumeMount { Name = TmpVolume, MountPath = "/tmp" },
            ],
            LivenessProbe = new Probe
            {
                HttpGet = new HttpGetAction { Path = RunnerAdminApi.HealthPath, Port = RunnerPorts.HttpPortName },
                InitialDelaySeconds = 5,
                PeriodSeconds = 10,
                TimeoutSeconds = 2,
                FailureThreshold = 3,
            },
            ReadinessProbe = new Probe
            {
                HttpGet = new HttpGetAction { Path = RunnerAdminApi.ReadyPath, Port = RunnerPorts.HttpPortName },
                PeriodSeconds = 5,
                TimeoutSeconds = 2,
                FailureThreshold = 3,
            },
            SecurityContext = KubeJson.Element(new
            {
                allowPrivilegeEscalation = false,
                readOnlyRootFilesystem = true,
                runAsNonRoot = true,
                capabilities = new { drop = DropAll },
            }),
        };
        var spec = new PodSpec
        {
            Containers = [container],
            Volumes =
            [
                new Volume
                {
                    Name = SpecVolume,
                    ExtensionData = KubeJson.Fields(("secret", new
                    {
                        secretName = RunnerLabels.SecretName(stream),
                        items = new[] { new { key = RunnerAdminApi.PipelineSecretKey, path = RunnerAdminApi.PipelineSecretKey } },
                        defaultMode = 288, // 0440: the runner's group (fsGroup) reads it
                    })),
                },
                new Volume { Name = TmpVolume, EmptyDir = KubeJson.Element(new { }) },
            ],
            NodeSelector = runner?.NodeSelector is { Count: > 0 } selector ? new SortedDictionary<string, string>(selector, StringComparer.Ordinal) : null,
            Tolerations = runner?.Tolerations is { Count: > 0 } tolerations ? [.. tolerations.Select(Toleration)] : null,
            SecurityContext = KubeJson.Element(new
            {
                runAsNonRoot = true,
                runAsUser = RunAsUser,
                runAsGroup = RunAsUser,
                fsGroup = RunAsUser,
                seccompProfile = new { type = "RuntimeDefault" },
            }),
            TerminationGracePeriodSeconds = 30,
            ExtensionData = KubeJson.Fields(("automountServiceAccountToken", false), ("enableServiceLinks", false)),
        };
        return new PodTemplateSpec
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
    // Every quantity is written in the canonical form the API server stores (2000m as 2, 1024Mi as 1Gi, 0.5 as 500m), so
    // the live Deployment matches the desired one and an unchanged stream sends no apply.
    private static ResourceRequirements Resources(ApiResources? own, Ladder.Api.Pipeline.PipelineVideo video)
    {
        var estimate = RunnerResourceEstimate.Quantities(video);
        var requests = own is null
            ? new SortedDictionary<string, string>(StringComparer.Ordinal) { ["cpu"] = estimate.Cpu, ["memory"] = estimate.Memory }
            : Quantities(own.Requests);
        var limits = own is null
            ? new SortedDictionary<string, string>(StringComparer.Ordinal) { ["memory"] = estimate.MemoryLimit }
            : Quantities(own.Limits);
        if (GpuResources.For(video.Hardware) is { } gpu && !limits.ContainsKey(gpu) && !requests.ContainsKey(gpu))
        {
            limits[gpu] = "1";
        }

        return new ResourceRequirements { Requests = requests.Count == 0 ? null : Canonical(requests), Limits = limits.Count == 0 ? null : Canonical(limits) };
    }

    private static SortedDictionary<string, string> Canonical(SortedDictionary<string, string> quantities) =>
        new(quantities.ToDictionary(p => p.Key, p => new k8s.Models.ResourceQuantity(p.Value).CanonicalizeString(), StringComparer.Ordinal), StringComparer.Ordinal);

    private static SortedDictionary<string, string> Quantities(IDictionary<string, Ladder.Api.Primitives.ResourceQuantity>? values) =>
        new((values ?? new Dictionary<string, Ladder.Api.Primitives.ResourceQuantity>()).ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    private static Toleration Toleration(ApiToleration t) => new()
    {
        Key = t.Key,
        Operator = t.Operator,
        Value = t.Value,
        Effect = t.Effect,
        TolerationSeconds = t.TolerationSeconds,
    };
}
