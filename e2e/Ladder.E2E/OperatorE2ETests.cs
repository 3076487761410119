using System.Text;
using k8s;
using k8s.Models;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime.Errors;
using Ladder.Kubernetes.Testing;

namespace Ladder.E2E;

/// <summary>
/// The operator end to end on a real cluster: samples reconciled into owned objects with status, hot reload without a
/// new pod, a new pod template for a GPU, garbage collection on delete, and admission refusing invalid manifests with
/// the field named (schema, CEL rules). Skipped, saying why, unless <see cref="ClusterFactAttribute.Variable"/> is set.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class OperatorE2ETests(OperatorFixture fixture)
{
    private const string PipelineGeneration = "ladder.dev/pipeline-generation";
    private const string Checksum = "ladder.dev/pod-template-checksum";

    private static TranscodeProfile Profile(string name, string bitrate = "2800k") => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new TranscodeProfileSpec
        {
            Video = new VideoSpec
            {
                GopSeconds = 2,
                Renditions =
                [
                    new Rendition { Name = "720p", Width = 1280, Height = 720, Bitrate = Bitrate.Parse(bitrate) },
                    new Rendition { Name = "360p", Width = 640, Height = 360, Bitrate = Bitrate.Parse("800k") },
                ],
            },
        },
    };

    private static LiveStream Stream(string name, string profile) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new LiveStreamSpec
        {
            ProfileRef = new LocalObjectReference { Name = profile },
            Inputs = [new StreamInput { Name = "main", Url = "srt://0.0.0.0:9000" }],
        },
    };

    private IKubernetes Kube => fixture.Kube;

    private string Ns => fixture.Namespace;

    private async Task<LiveStream> CreateStreamAsync(string name)
    {
        await fixture.Profiles.CreateAsync(Ns, Profile(name));
        var stream = await fixture.Streams.CreateAsync(Ns, Stream(name, name));
        await OperatorFixture.EventuallyAsync(async () => await DeploymentAsync(name) is not null, $"the Deployment of {name} exists");
        return stream;
    }

    private Task<V1Deployment?> DeploymentAsync(string name) => OperatorFixture.TryGetAsync(() => Kube.AppsV1.ReadNamespacedDeploymentAsync(name, Ns));

    private Task<V1Service?> ServiceAsync(string name) => OperatorFixture.TryGetAsync(() => Kube.CoreV1.ReadNamespacedServiceAsync(name, Ns));

    private Task<V1Secret?> SecretAsync(string name) => OperatorFixture.TryGetAsync(() => Kube.CoreV1.ReadNamespacedSecretAsync(name, Ns));

    private Task<LiveStream?> StreamAsync(string name) => OperatorFixture.TryGetAsync(() => fixture.Streams.GetAsync(Ns, name));

    private async Task<List<V1Pod>> PodsAsync(string stream) =>
        [.. (await Kube.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: "ladder.dev/livestream=" + stream)).Items];

    private Task<V1Pod> ReplacePodStatusAsync(V1Pod pod) => ApiStatusException.SendAsync($"update the status of Pod {Ns}/{pod.Metadata.Name}",
        () => Kube.CoreV1.ReplaceNamespacedPodStatusAsync(pod, pod.Metadata.Name, Ns));

    private static string Field(ApiStatusException e) => string.Join(" ", new[] { e.Message }.Concat(e.Causes.Select(c => c.Field + " " + c.Message)));

    [ClusterFact]
    public async Task Samples_Should_GetOwnedObjectsAndStatus_When_Applied()
    {
        var streams = new List<LiveStream>();
        foreach (var file in Directory.GetFiles(Path.Combine(OperatorFixture.RepoRoot, "config", "samples"), "*.yaml").Order(StringComparer.Ordinal))
        {
            streams.AddRange((await fixture.ApplyYamlAsync(await File.ReadAllTextAsync(file))).OfType<LiveStream>());
        }

        Assert.NotEmpty(streams);
        foreach (var stream in streams)
        {
            var name = stream.Metadata.Name!;
            await OperatorFixture.EventuallyAsync(async () =>
                await DeploymentAsync(name) is not null && await ServiceAsync(name) is not null
                && await SecretAsync(name + "-pipeline") is not null, $"{name}: Deployment, Service and Secret exist");
            foreach (IKubernetesObject<V1ObjectMeta> owned in new IKubernetesObject<V1ObjectMeta>[]
            {
                (await DeploymentAsync(name))!, (await ServiceAsync(name))!, (await SecretAsync(name + "-pipeline"))!,
            })
            {
                var owner = Assert.Single(owned.Metadata.OwnerReferences!);
                Assert.Equal((stream.Metadata.Uid, true), (owner.Uid, owner.Controller ?? false));
            }

            await OperatorFixture.EventuallyAsync(async () =>
            {
                var live = await fixture.Streams.GetAsync(Ns, name);
                return live.Status?.ObservedGeneration == live.Metadata.Generation
                    && new[] { ConditionTypes.Ready, ConditionTypes.Reconciling, ConditionTypes.Stalled }.All(t => live.Status!.Conditions?.Any(c => c.Type == t) == true);
            }, $"{name}: status observes the generation with Ready, Reconciling and Stalled");
            var status = (await fixture.Streams.GetAsync(Ns, name)).Status!;
            Assert.DoesNotContain(status.Conditions!, c => c.Type == ConditionTypes.Stalled && c.Status == "True");
            Assert.StartsWith($"http://{name}.{Ns}.svc:8080/", status.Endpoints?.Hls ?? $"http://{name}.{Ns}.svc:8080/", StringComparison.Ordinal);
        }
    }

    [ClusterFact]
    public async Task BitrateChange_Should_UpdateTheSecretOnly_When_PodTemplateNeedsNothingNew()
    {
        await CreateStreamAsync("e2e-reload");
        var before = (await DeploymentAsync("e2e-reload"))!.Spec!.Template!;
        var secretBefore = (await SecretAsync("e2e-reload-pipeline"))!;
        await OperatorFixture.EventuallyAsync(async () => (await PodsAsync("e2e-reload")).Count > 0, "the runner pod exists (running or not)");
        var podsBefore = (await PodsAsync("e2e-reload")).Select(p => p.Metadata.Uid).Order(StringComparer.Ordinal).ToList();

        var profile = await fixture.Profiles.GetAsync(Ns, "e2e-reload");
        profile.Spec!.Video!.Renditions![0].Bitrate = Bitrate.Parse("3500k");
        await fixture.Profiles.ReplaceAsync(profile);

        await OperatorFixture.EventuallyAsync(async () => (await SecretAsync("e2e-reload-pipeline"))!.Metadata.Annotations![PipelineGeneration] == "2",
            "the Secret holds pipeline generation 2");
        var secretAfter = (await SecretAsync("e2e-reload-pipeline"))!;
        Assert.Contains("3500000", Encoding.UTF8.GetString(secretAfter.Data!["pipeline.json"]), StringComparison.Ordinal);
        Assert.NotEqual(secretBefore.Metadata.ResourceVersion, secretAfter.Metadata.ResourceVersion);
        Assert.Equal(Encoding.UTF8.GetString(secretBefore.Data!["admin-token"]), Encoding.UTF8.GetString(secretAfter.Data!["admin-token"]));
        var after = (await DeploymentAsync("e2e-reload"))!.Spec!.Template!;
        Assert.Equal(before.Metadata!.Annotations![Checksum], after.Metadata!.Annotations![Checksum]);
        Assert.Equal(KubernetesJson.Serialize(before.Spec), KubernetesJson.Serialize(after.Spec));
        await Task.Delay(TimeSpan.FromSeconds(5)); // a replaced pod would show up by now
        Assert.Equal(podsBefore, (await PodsAsync("e2e-reload")).Select(p => p.Metadata.Uid).Order(StringComparer.Ordinal).ToList());
    }

    [ClusterFact]
    public async Task GpuChange_Should_ProduceANewPodTemplate_When_ProfileAsksForNvenc()
    {
        await CreateStreamAsync("e2e-gpu");
        var checksum = (await DeploymentAsync("e2e-gpu"))!.Spec!.Template!.Metadata!.Annotations![Checksum];

        var profile = await fixture.Profiles.GetAsync(Ns, "e2e-gpu");
        profile.Spec!.Video!.Hardware = HardwareAcceleration.Nvidia;
        profile.Spec.Video.Preset = "p4";
        await fixture.Profiles.ReplaceAsync(profile);

        await OperatorFixture.EventuallyAsync(async () => (await DeploymentAsync("e2e-gpu"))!.Spec!.Template!.Metadata!.Annotations![Checksum] != checksum,
            "the pod template checksum changed");
        var container = (await DeploymentAsync("e2e-gpu"))!.Spec!.Template!.Spec!.Containers![0];
        Assert.Equal("1", container.Resources!.Limits!["nvidia.com/gpu"]);
    }

    [ClusterFact]
    public async Task Delete_Should_GarbageCollectTheOwnedObjects_When_TheStreamIsDeleted()
    {
        await CreateStreamAsync("e2e-delete");
        await OperatorFixture.EventuallyAsync(async () => await SecretAsync("e2e-delete-pipeline") is not null, "the Secret exists");

        await fixture.Streams.DeleteAsync(Ns, "e2e-delete", propagationPolicy: "Foreground");

        await OperatorFixture.EventuallyAsync(async () =>
            await StreamAsync("e2e-delete") is null && await DeploymentAsync("e2e-delete") is null
            && await ServiceAsync("e2e-delete") is null && await SecretAsync("e2e-delete-pipeline") is null,
            "the garbage collector deleted the stream's Deployment, Service and Secret", TimeSpan.FromSeconds(120));
    }

    [ClusterFact]
    public async Task Admission_Should_RejectInvalidManifests_NamingTheField()
    {
        await fixture.Profiles.CreateAsync(Ns, Profile("e2e-valid"));

        var badName = await Assert.ThrowsAsync<ApiStatusException>(() => fixture.Streams.CreateAsync(Ns, Stream("1-starts-with-digit", "e2e-valid")));
        Assert.True(badName.IsInvalid, badName.Message);
        Assert.Contains("metadata.name", Field(badName), StringComparison.Ordinal);

        var oddWidth = Profile("e2e-odd");
        oddWidth.Spec!.Video!.Renditions![0].Width = 1279;
        var width = await Assert.ThrowsAsync<ApiStatusException>(() => fixture.Profiles.CreateAsync(Ns, oddWidth));
        Assert.Contains("spec.video.renditions[0].width", Field(width), StringComparison.Ordinal);

        var both = Stream("e2e-both", "e2e-valid");
        both.Spec!.Profile = Profile("inline").Spec;
        var exclusive = await Assert.ThrowsAsync<ApiStatusException>(() => fixture.Streams.CreateAsync(Ns, both));
        Assert.Contains("spec", Field(exclusive), StringComparison.Ordinal);
        Assert.Contains("profile", Field(exclusive), StringComparison.OrdinalIgnoreCase);

        var shortWindow = Stream("e2e-window", "e2e-valid");
        shortWindow.Spec!.Outputs = new OutputSpec { Hls = new HlsOutput { Window = 1 } };
        var window = await Assert.ThrowsAsync<ApiStatusException>(() => fixture.Streams.CreateAsync(Ns, shortWindow));
        Assert.Contains("spec.outputs.hls.window", Field(window), StringComparison.Ordinal);
    }

    [ClusterFact]
    public async Task Kubectl_Should_ApplyTheCrdsAndEverySample_When_APlatformTeamRunsIt()
    {
        var result = await ClusterTools.KubectlAsync(OperatorFixture.AdminKubeconfig, "apply", "-n", Ns, "-f", "crds/", "-f", "config/samples/");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("livestream.ladder.dev/news-hd", result.Output, StringComparison.Ordinal);
        Assert.Contains("template.ladder.dev/studio-defaults", result.Output, StringComparison.Ordinal);
    }

    [ClusterFact]
    public async Task TemplateEdit_Should_ReachEveryStreamUsingIt_When_ATemplateFieldChanges()
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(OperatorFixture.RepoRoot, "config", "samples", "template-two-streams.yaml"));
        var streams = (await fixture.ApplyYamlAsync(yaml.Replace("studio-", "tpl-", StringComparison.Ordinal))).OfType<LiveStream>().Select(s => s.Metadata.Name!).ToList();
        Assert.Equal(["tpl-a", "tpl-b"], streams);
        foreach (var stream in streams)
        {
            await OperatorFixture.EventuallyAsync(async () => (await SecretAsync(stream + "-pipeline"))?.Metadata.Annotations?[PipelineGeneration] == "1",
                $"{stream}: the Secret holds pipeline generation 1");
        }

        await ChangeAsync(fixture.Templates, "tpl-defaults", t => t.Spec!.Outputs!.Dash!.Window = 14);

        foreach (var stream in streams)
        {
            await OperatorFixture.EventuallyAsync(async () => (await SecretAsync(stream + "-pipeline"))!.Metadata.Annotations![PipelineGeneration] == "2",
                $"{stream}: the Template edit reached its Secret as pipeline generation 2");
            Assert.Contains("\"window\": 14", Encoding.UTF8.GetString((await SecretAsync(stream + "-pipeline"))!.Data!["pipeline.json"]), StringComparison.Ordinal);
        }
    }

    [ClusterFact]
    public async Task Pause_Should_ScaleTheRunnerToZero_And_ResumeScalesItBack()
    {
        await CreateStreamAsync("e2e-pause");

        await ChangeAsync(fixture.Streams, "e2e-pause", s => s.Spec!.Paused = true);

        await OperatorFixture.EventuallyAsync(async () => (await DeploymentAsync("e2e-pause"))!.Spec!.Replicas == 0
            && (await fixture.Streams.GetAsync(Ns, "e2e-pause")).Status?.Phase == LiveStreamPhase.Paused, "the paused stream's Deployment has 0 replicas and its phase is Paused");
        await OperatorFixture.EventuallyAsync(async () => (await PodsAsync("e2e-pause")).Count == 0, "the ReplicaSet removed the runner pod");

        await ChangeAsync(fixture.Streams, "e2e-pause", s => s.Spec!.Paused = false);

        await OperatorFixture.EventuallyAsync(async () => (await DeploymentAsync("e2e-pause"))!.Spec!.Replicas == 1, "resuming scales back to 1");
    }

    [ClusterFact]
    public async Task Status_Should_TellWhatThePodSays_When_ItIsPendingUnschedulableOrOomKilled()
    {
        await CreateStreamAsync("e2e-pod");
        await OperatorFixture.EventuallyAsync(async () => (await PodsAsync("e2e-pod")).Count == 1, "the ReplicaSet created the runner pod");

        // No scheduler runs here: the pod stays Pending, and the status says so rather than "Name or service not known".
        await OperatorFixture.EventuallyAsync(async () => Condition(await fixture.Streams.GetAsync(Ns, "e2e-pod"), ConditionTypes.Reconciling)?.Message?
            .Contains("is Pending (not scheduled yet)", StringComparison.Ordinal) == true, "Reconciling says the runner pod is not scheduled yet");

        // Playing the scheduler: no node has the GPU the pod asks for.
        var pod = (await PodsAsync("e2e-pod")).Single();
        pod.Status = new V1PodStatus
        {
            Phase = "Pending",
            Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = "0/3 nodes are available: 3 Insufficient nvidia.com/gpu.", LastTransitionTime = DateTime.UtcNow }],
        };
        await ReplacePodStatusAsync(pod);

        await OperatorFixture.EventuallyAsync(async () => Condition(await fixture.Streams.GetAsync(Ns, "e2e-pod"), ConditionTypes.Stalled) is { Status: "True", Reason: ConditionReasons.RunnerUnschedulable },
            "the stream is Stalled as RunnerUnschedulable");
        var stalled = Condition(await fixture.Streams.GetAsync(Ns, "e2e-pod"), ConditionTypes.Stalled)!;
        Assert.Contains("cannot be scheduled: 0/3 nodes are available: 3 Insufficient nvidia.com/gpu.", stalled.Message, StringComparison.Ordinal);

        // Playing the kubelet: the runner keeps being killed for its memory.
        pod = (await PodsAsync("e2e-pod")).Single();
        var limit = pod.Spec!.Containers![0].Resources!.Limits!["memory"];
        pod.Status = KubernetesJson.Deserialize<V1PodStatus>("""
            {"phase":"Running","conditions":[{"type":"PodScheduled","status":"True","lastTransitionTime":"2026-12-04T10:00:01Z"}],
             "containerStatuses":[{"name":"runner","ready":false,"restartCount":3,"image":"ghcr.io/ladder-dev/pipeline-runner:e2e","imageID":"",
               "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 40s restarting failed container"}},
               "lastState":{"terminated":{"exitCode":137,"reason":"OOMKilled","startedAt":"2026-12-04T10:02:00Z","finishedAt":"2026-12-04T10:02:30Z"}}}]}
            """);
        await ReplacePodStatusAsync(pod);

        await OperatorFixture.EventuallyAsync(async () => Condition(await fixture.Streams.GetAsync(Ns, "e2e-pod"), ConditionTypes.Stalled) is { Status: "True", Reason: ConditionReasons.RunnerOOMKilled },
            "the stream is Stalled as RunnerOOMKilled");
        Assert.Contains($"more memory than its limit of {limit} (OOMKilled, restarted 3 times)",
            Condition(await fixture.Streams.GetAsync(Ns, "e2e-pod"), ConditionTypes.Stalled)!.Message, StringComparison.Ordinal);
    }

    private static V1Condition? Condition(LiveStream stream, string type) => stream.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    // A person's edit, retried on a conflict with the operator's status writes (client-go RetryOnConflict).
    private Task ChangeAsync<T>(ObjectClient<T> client, string name, Action<T> change)
        where T : class, IKubernetesObject<V1ObjectMeta> => client.ChangeAsync(Ns, name, change);
}
