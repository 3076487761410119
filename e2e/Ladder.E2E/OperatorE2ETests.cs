using System.Text;
using k8s;
using k8s.Models;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Kubernetes;
using Ladder.Kubernetes.Errors;
using Ladder.Kubernetes.Models;

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

    private async Task<LiveStream> CreateStreamAsync(string name)
    {
        var clients = fixture.Clients;
        await clients.Profiles.CreateAsync(fixture.Namespace, Profile(name));
        var stream = await clients.Streams.CreateAsync(fixture.Namespace, Stream(name, name));
        await OperatorFixture.EventuallyAsync(async () => await fixture.TryGetAsync(clients.Deployments, name) is not null, $"the Deployment of {name} exists");
        return stream;
    }

    private async Task<List<Pod>> PodsAsync(string stream) =>
        [.. (await fixture.Client.Resource<Pod>(ApiResource.Pods).ListAsync(fixture.Namespace, new ListOptions { LabelSelector = "ladder.dev/livestream=" + stream })).Items];

    private static string Field(KubeApiException e) => string.Join(" ", new[] { e.Message }.Concat(e.Causes.Select(c => c.Field + " " + c.Message)));

    [ClusterFact]
    public async Task Samples_Should_GetOwnedObjectsAndStatus_When_Applied()
    {
        var clients = fixture.Clients;
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
                await fixture.TryGetAsync(clients.Deployments, name) is not null && await fixture.TryGetAsync(clients.Services, name) is not null
                && await fixture.TryGetAsync(clients.Secrets, name + "-pipeline") is not null, $"{name}: Deployment, Service and Secret exist");
            foreach (IKubernetesObject<V1ObjectMeta> owned in new IKubernetesObject<V1ObjectMeta>[]
            {
                (await fixture.TryGetAsync(clients.Deployments, name))!, (await fixture.TryGetAsync(clients.Services, name))!, (await fixture.TryGetAsync(clients.Secrets, name + "-pipeline"))!,
            })
            {
                var owner = Assert.Single(owned.Metadata.OwnerReferences!);
                Assert.Equal((stream.Metadata.Uid, true), (owner.Uid, owner.Controller ?? false));
            }

            await OperatorFixture.EventuallyAsync(async () =>
            {
                var live = await clients.Streams.GetAsync(fixture.Namespace, name);
                return live.Status?.ObservedGeneration == live.Metadata.Generation
                    && new[] { ConditionTypes.Ready, ConditionTypes.Reconciling, ConditionTypes.Stalled }.All(t => live.Status!.Conditions?.Any(c => c.Type == t) == true);
            }, $"{name}: status observes the generation with Ready, Reconciling and Stalled");
            var status = (await clients.Streams.GetAsync(fixture.Namespace, name)).Status!;
            Assert.DoesNotContain(status.Conditions!, c => c.Type == ConditionTypes.Stalled && c.Status == "True");
            Assert.StartsWith($"http://{name}.{fixture.Namespace}.svc:8080/", status.Endpoints?.Hls ?? $"http://{name}.{fixture.Namespace}.svc:8080/", StringComparison.Ordinal);
        }
    }

    [ClusterFact]
    public async Task BitrateChange_Should_UpdateTheSecretOnly_When_PodTemplateNeedsNothingNew()
    {
        var clients = fixture.Clients;
        await CreateStreamAsync("e2e-reload");
        var before = (await clients.Deployments.GetAsync(fixture.Namespace, "e2e-reload")).Spec!.Template!;
        var secretBefore = await clients.Secrets.GetAsync(fixture.Namespace, "e2e-reload-pipeline");
        await OperatorFixture.EventuallyAsync(async () => (await PodsAsync("e2e-reload")).Count > 0, "the runner pod exists (running or not)");
        var podsBefore = (await PodsAsync("e2e-reload")).Select(p => p.Metadata.Uid).Order(StringComparer.Ordinal).ToList();

        var profile = await clients.Profiles.GetAsync(fixture.Namespace, "e2e-reload");
        profile.Spec!.Video!.Renditions![0].Bitrate = Bitrate.Parse("3500k");
        await clients.Profiles.UpdateAsync(profile);

        await OperatorFixture.EventuallyAsync(async () => (await clients.Secrets.GetAsync(fixture.Namespace, "e2e-reload-pipeline")).Metadata.Annotations![PipelineGeneration] == "2",
            "the Secret holds pipeline generation 2");
        var secretAfter = await clients.Secrets.GetAsync(fixture.Namespace, "e2e-reload-pipeline");
        Assert.Contains("3500000", Encoding.UTF8.GetString(secretAfter.Data!["pipeline.json"]), StringComparison.Ordinal);
        Assert.NotEqual(secretBefore.Metadata.ResourceVersion, secretAfter.Metadata.ResourceVersion);
        Assert.Equal(Encoding.UTF8.GetString(secretBefore.Data!["admin-token"]), Encoding.UTF8.GetString(secretAfter.Data!["admin-token"]));
        var after = (await clients.Deployments.GetAsync(fixture.Namespace, "e2e-reload")).Spec!.Template!;
        Assert.Equal(before.Metadata!.Annotations![Checksum], after.Metadata!.Annotations![Checksum]);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(before.Spec, Api.Meta.WireJson.Options), System.Text.Json.JsonSerializer.Serialize(after.Spec, Api.Meta.WireJson.Options));
        await Task.Delay(TimeSpan.FromSeconds(5)); // a replaced pod would show up by now
        Assert.Equal(podsBefore, (await PodsAsync("e2e-reload")).Select(p => p.Metadata.Uid).Order(StringComparer.Ordinal).ToList());
    }

    [ClusterFact]
    public async Task GpuChange_Should_ProduceANewPodTemplate_When_ProfileAsksForNvenc()
    {
        var clients = fixture.Clients;
        await CreateStreamAsync("e2e-gpu");
        var checksum = (await clients.Deployments.GetAsync(fixture.Namespace, "e2e-gpu")).Spec!.Template!.Metadata!.Annotations![Checksum];

        var profile = await clients.Profiles.GetAsync(fixture.Namespace, "e2e-gpu");
        profile.Spec!.Video!.Hardware = HardwareAcceleration.Nvidia;
        profile.Spec.Video.Preset = "p4";
        await clients.Profiles.UpdateAsync(profile);

        await OperatorFixture.EventuallyAsync(async () => (await clients.Deployments.GetAsync(fixture.Namespace, "e2e-gpu")).Spec!.Template!.Metadata!.Annotations![Checksum] != checksum,
            "the pod template checksum changed");
        var container = (await clients.Deployments.GetAsync(fixture.Namespace, "e2e-gpu")).Spec!.Template!.Spec!.Containers![0];
        Assert.Equal("1", container.Resources!.Limits!["nvidia.com/gpu"]);
    }

    [ClusterFact]
    public async Task Delete_Should_GarbageCollectTheOwnedObjects_When_TheStreamIsDeleted()
    {
        var clients = fixture.Clients;
        await CreateStreamAsync("e2e-delete");
        await OperatorFixture.EventuallyAsync(async () => await fixture.TryGetAsync(clients.Secrets, "e2e-delete-pipeline") is not null, "the Secret exists");

        await clients.Streams.DeleteAsync(fixture.Namespace, "e2e-delete", new DeleteOptions { PropagationPolicy = PropagationPolicy.Foreground });

        await OperatorFixture.EventuallyAsync(async () =>
            await fixture.TryGetAsync(clients.Streams, "e2e-delete") is null && await fixture.TryGetAsync(clients.Deployments, "e2e-delete") is null
            && await fixture.TryGetAsync(clients.Services, "e2e-delete") is null && await fixture.TryGetAsync(clients.Secrets, "e2e-delete-pipeline") is null,
            "the garbage collector deleted the stream's Deployment, Service and Secret", TimeSpan.FromSeconds(120));
    }

    [ClusterFact]
    public async Task Admission_Should_RejectInvalidManifests_NamingTheField()
    {
        var clients = fixture.Clients;
        await clients.Profiles.CreateAsync(fixture.Namespace, Profile("e2e-valid"));

        var badName = await Assert.ThrowsAsync<KubeApiException>(() => clients.Streams.CreateAsync(fixture.Namespace, Stream("1-starts-with-digit", "e2e-valid")));
        Assert.True(badName.IsInvalid, badName.Message);
        Assert.Contains("metadata.name", Field(badName), StringComparison.Ordinal);

        var oddWidth = Profile("e2e-odd");
        oddWidth.Spec!.Video!.Renditions![0].Width = 1279;
        var width = await Assert.ThrowsAsync<KubeApiException>(() => clients.Profiles.CreateAsync(fixture.Namespace, oddWidth));
        Assert.Contains("spec.video.renditions[0].width", Field(width), StringComparison.Ordinal);

        var both = Stream("e2e-both", "e2e-valid");
        both.Spec!.Profile = Profile("inline").Spec;
        var exclusive = await Assert.ThrowsAsync<KubeApiException>(() => clients.Streams.CreateAsync(fixture.Namespace, both));
        Assert.Contains("spec", Field(exclusive), StringComparison.Ordinal);
        Assert.Contains("profile", Field(exclusive), StringComparison.OrdinalIgnoreCase);

        var shortWindow = Stream("e2e-window", "e2e-valid");
        shortWindow.Spec!.Outputs = new OutputSpec { Hls = new HlsOutput { Window = 1 } };
        var window = await Assert.ThrowsAsync<KubeApiException>(() => clients.Streams.CreateAsync(fixture.Namespace, shortWindow));
        Assert.Contains("spec.outputs.hls.window", Field(window), StringComparison.Ordinal);
    }

    [ClusterFact]
    public async Task Kubectl_Should_ApplyTheCrdsAndEverySample_When_APlatformTeamRunsIt()
    {
        var result = await ClusterTools.KubectlAsync(OperatorFixture.AdminKubeconfig, "apply", "-n", fixture.Namespace, "-f", "crds/", "-f", "config/samples/");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("livestream.ladder.dev/news-hd", result.Output, StringComparison.Ordinal);
        Assert.Contains("template.ladder.dev/studio-defaults", result.Output, StringComparison.Ordinal);
    }

    [ClusterFact]
    public async Task TemplateEdit_Should_ReachEveryStreamUsingIt_When_ATemplateFieldChanges()
    {
        var clients = fixture.Clients;
        var yaml = await File.ReadAllTextAsync(Path.Combine(OperatorFixture.RepoRoot, "config", "samples", "template-two-streams.yaml"));
        var streams = (await fixture.ApplyYamlAsync(yaml.Replace("studio-", "tpl-", StringComparison.Ordinal))).OfType<LiveStream>().Select(s => s.Metadata.Name!).ToList();
        Assert.Equal(["tpl-a", "tpl-b"], streams);
        foreach (var stream in streams)
        {
            await OperatorFixture.EventuallyAsync(async () => (await fixture.TryGetAsync(clients.Secrets, stream + "-pipeline"))?.Metadata.Annotations?[PipelineGeneration] == "1",
                $"{stream}: the Secret holds pipeline generation 1");
        }

        await ChangeAsync(clients.Templates, "tpl-defaults", t => t.Spec!.Outputs!.Dash!.Window = 14);

        foreach (var stream in streams)
        {
            await OperatorFixture.EventuallyAsync(async () => (await clients.Secrets.GetAsync(fixture.Namespace, stream + "-pipeline")).Metadata.Annotations![PipelineGeneration] == "2",
                $"{stream}: the Template edit reached its Secret as pipeline generation 2");
            Assert.Contains("\"window\": 14", Encoding.UTF8.GetString((await clients.Secrets.GetAsync(fixture.Namespace, stream + "-pipeline")).Data!["pipeline.json"]), StringComparison.Ordinal);
        }
    }

    [ClusterFact]
    public async Task Pause_Should_ScaleTheRunnerToZero_And_ResumeScalesItBack()
    {
        var clients = fixture.Clients;
        await CreateStreamAsync("e2e-pause");

        await ChangeAsync(clients.Streams, "e2e-pause", s => s.Spec!.Paused = true);

        await OperatorFixture.EventuallyAsync(async () => (await clients.Deployments.GetAsync(fixture.Namespace, "e2e-pause")).Spec!.Replicas == 0
            && (await clients.Streams.GetAsync(fixture.Namespace, "e2e-pause")).Status?.Phase == LiveStreamPhase.Paused, "the paused stream's Deployment has 0 replicas and its phase is Paused");
        await OperatorFixture.EventuallyAsync(async () => (await PodsAsync("e2e-pause")).Count == 0, "the ReplicaSet removed the runner pod");

        await ChangeAsync(clients.Streams, "e2e-pause", s => s.Spec!.Paused = false);

        await OperatorFixture.EventuallyAsync(async () => (await clients.Deployments.GetAsync(fixture.Namespace, "e2e-pause")).Spec!.Replicas == 1, "resuming scales back to 1");
    }

    [ClusterFact]
    public async Task Status_Should_TellWhatThePodSays_When_ItIsPendingUnschedulableOrOomKilled()
    {
        var clients = fixture.Clients;
        await CreateStreamAsync("e2e-pod");
        await OperatorFixture.EventuallyAsync(async () => (await PodsAsync("e2e-pod")).Count == 1, "the ReplicaSet created the runner pod");

        // No scheduler runs here: the pod stays Pending, and the status says so rather than "Name or service not known".
        await OperatorFixture.EventuallyAsync(async () => Condition(await clients.Streams.GetAsync(fixture.Namespace, "e2e-pod"), ConditionTypes.Reconciling)?.Message?
            .Contains("is Pending (not scheduled yet)", StringComparison.Ordinal) == true, "Reconciling says the runner pod is not scheduled yet");

        // Playing the scheduler: no node has the GPU the pod asks for.
        var pod = (await PodsAsync("e2e-pod")).Single();
        pod.Status = new PodStatus
        {
            Phase = "Pending",
            Conditions = [new PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = "0/3 nodes are available: 3 Insufficient nvidia.com/gpu.", LastTransitionTime = DateTimeOffset.UtcNow }],
        };
        await fixture.Client.Resource<Pod>(ApiResource.Pods).UpdateStatusAsync(pod);

        await OperatorFixture.EventuallyAsync(async () => Condition(await clients.Streams.GetAsync(fixture.Namespace, "e2e-pod"), ConditionTypes.Stalled) is { Status: "True", Reason: ConditionReasons.RunnerUnschedulable },
            "the stream is Stalled as RunnerUnschedulable");
        var stalled = Condition(await clients.Streams.GetAsync(fixture.Namespace, "e2e-pod"), ConditionTypes.Stalled)!;
        Assert.Contains("cannot be scheduled: 0/3 nodes are available: 3 Insufficient nvidia.com/gpu.", stalled.Message, StringComparison.Ordinal);

        // Playing the kubelet: the runner keeps being killed for its memory.
        pod = (await PodsAsync("e2e-pod")).Single();
        var limit = pod.Spec!.Containers![0].Resources!.Limits!["memory"];
        pod.Status = System.Text.Json.JsonSerializer.Deserialize<PodStatus>("""
            {"phase":"Running","conditions":[{"type":"PodScheduled","status":"True","lastTransitionTime":"2026-12-04T10:00:01Z"}],
             "containerStatuses":[{"name":"runner","ready":false,"restartCount":3,"image":"ghcr.io/ladder-dev/pipeline-runner:e2e","imageID":"",
               "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 40s restarting failed container"}},
               "lastState":{"terminated":{"exitCode":137,"reason":"OOMKilled","startedAt":"2026-12-04T10:02:00Z","finishedAt":"2026-12-04T10:02:30Z"}}}]}
            """, Api.Meta.WireJson.Options);
        await fixture.Client.Resource<Pod>(ApiResource.Pods).UpdateStatusAsync(pod);

        await OperatorFixture.EventuallyAsync(async () => Condition(await clients.Streams.GetAsync(fixture.Namespace, "e2e-pod"), ConditionTypes.Stalled) is { Status: "True", Reason: ConditionReasons.RunnerOOMKilled },
            "the stream is Stalled as RunnerOOMKilled");
        Assert.Contains($"more memory than its limit of {limit} (OOMKilled, restarted 3 times)",
            Condition(await clients.Streams.GetAsync(fixture.Namespace, "e2e-pod"), ConditionTypes.Stalled)!.Message, StringComparison.Ordinal);
    }

    private static V1Condition? Condition(LiveStream stream, string type) => stream.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    // A person's edit, retried on a conflict with the operator's status writes (client-go RetryOnConflict).
    private async Task ChangeAsync<T>(IResourceClient<T> client, string name, Action<T> change)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        for (var attempt = 1; ; attempt++)
        {
            var obj = await client.GetAsync(fixture.Namespace, name);
            change(obj);
            try
            {
                await client.UpdateAsync(obj);
                return;
            }
            catch (KubeApiException e) when (e.IsConflict && attempt < 10)
            {
            }
        }
    }
}
