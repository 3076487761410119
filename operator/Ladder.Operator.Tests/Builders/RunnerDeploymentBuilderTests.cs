using k8s.Models;
using Ladder.Api.V1Alpha1;
using Ladder.Operator.Builders;
using Ladder.Operator.Hosting;
using Ladder.Operator.Tests.Support;
using ApiResources = Ladder.Api.V1Alpha1.ResourceRequirements;
using ResourceQuantity = Ladder.Api.Primitives.ResourceQuantity;

namespace Ladder.Operator.Tests.Builders;

public sealed class RunnerDeploymentBuilderTests
{
    private static readonly OperatorOptions Options = new() { RunnerImage = "ladder/runner:1.0" };

    private static V1Container Runner(V1Deployment d) => d.Spec!.Template!.Spec!.Containers!.Single();

    [Fact]
    public void Build_Should_ExposeHttpRtmpAndSrtPorts_When_InputsListen()
    {
        var container = Runner(RunnerDeploymentBuilder.Build(TestObjects.Inputs(), Options));

        var ports = container.Ports!.Select(p => (p.Name, p.ContainerPort, p.Protocol)).ToList();
        Assert.Equal([("http", 8080, "TCP"), ("rtmp-1935", 1935, "TCP"), ("srt-9000", 9000, "UDP")], ports);
    }

    [Fact]
    public void Build_Should_OpenNoIngestPort_When_InputIsPulled()
    {
        var stream = TestObjects.Stream();
        stream.Spec!.Inputs = [new StreamInput { Name = "camera", Url = "rtsp://camera.example/live" }];

        var container = Runner(RunnerDeploymentBuilder.Build(TestObjects.Inputs(stream), Options));

        Assert.Equal(["http"], container.Ports!.Select(p => p.Name));
    }

    [Fact]
    public void Build_Should_RunOneRecreatedReplica_When_NotPaused()
    {
        var deployment = RunnerDeploymentBuilder.Build(TestObjects.Inputs(), Options);

        Assert.Equal(1, deployment.Spec!.Replicas);
        Assert.Equal("Recreate", deployment.Spec.Strategy!.Type);
    }

    [Fact]
    public void Build_Should_ScaleToZero_When_Paused()
    {
        var stream = TestObjects.Stream();
        stream.Spec!.Paused = true;

        Assert.Equal(0, RunnerDeploymentBuilder.Build(TestObjects.Inputs(stream), Options).Spec!.Replicas);
    }

    [Fact]
    public void Build_Should_UseOperatorImage_When_StreamSetsNone_And_StreamImage_When_Set()
    {
        Assert.Equal("ladder/runner:1.0", Runner(RunnerDeploymentBuilder.Build(TestObjects.Inputs(), Options)).Image);

        var stream = TestObjects.Stream();
        stream.Spec!.Runner = new RunnerSpec { Image = "my/runner:dev" };
        Assert.Equal("my/runner:dev", Runner(RunnerDeploymentBuilder.Build(TestObjects.Inputs(stream), Options)).Image);
    }

    [Theory]
    [InlineData(HardwareAcceleration.Nvidia, "nvidia.com/gpu")]
    [InlineData(HardwareAcceleration.Qsv, "gpu.intel.com/i915")]
    [InlineData(HardwareAcceleration.Vaapi, "gpu.intel.com/i915")]
    public void Build_Should_RequestOneGpu_When_ProfileUsesHardware(HardwareAcceleration hardware, string resource)
    {
        var inputs = TestObjects.Inputs(profile: TestObjects.Profile(hardware: hardware));

        var limits = Runner(RunnerDeploymentBuilder.Build(inputs, Options)).Resources!.Limits!;

        Assert.Equal("1", limits[resource].ToString());
    }

    [Fact]
    public void Build_Should_RequestNoGpu_And_WhatTheLadderNeeds_When_ProfileIsSoftwareWithoutResources()
    {
        var inputs = TestObjects.Inputs();
        var resources = Runner(RunnerDeploymentBuilder.Build(inputs, Options)).Resources!;

        Assert.DoesNotContain(resources.Limits!.Keys, k => k.Contains("gpu", StringComparison.Ordinal));
        var estimate = RunnerResourceEstimate.Quantities(inputs.Pipeline.Video);
        Assert.Equal((estimate.Cpu, estimate.Memory, estimate.MemoryLimit), (resources.Requests!["cpu"].ToString(), resources.Requests["memory"].ToString(), resources.Limits["memory"].ToString()));
    }

    [Fact]
    public void Build_Should_WriteQuantitiesAsTheApiServerStoresThem_When_TheStreamGivesThemInAnotherForm()
    {
        var stream = TestObjects.Stream();
        stream.Spec!.Runner = new RunnerSpec
        {
            Resources = new ApiResources
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = "2000m", ["memory"] = "1024Mi" },
                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = "0.5", ["memory"] = "1.5Gi" },
            },
        };

        var resources = Runner(RunnerDeploymentBuilder.Build(TestObjects.Inputs(stream), Options)).Resources!;

        Assert.Equal(("2", "1Gi", "500m", "1536Mi"), (resources.Requests!["cpu"].ToString(), resources.Requests["memory"].ToString(), resources.Limits!["cpu"].ToString(), resources.Limits["memory"].ToString()));
    }

    [Fact]
    public void Build_Should_ProbeHealthAndReadiness_On_HttpPort()
    {
        var container = Runner(RunnerDeploymentBuilder.Build(TestObjects.Inputs(), Options));

        Assert.Equal("/healthz", container.LivenessProbe!.HttpGet!.Path);
        Assert.Equal("/readyz", container.ReadinessProbe!.HttpGet!.Path);
        Assert.Equal("http", container.ReadinessProbe.HttpGet.Port!.Value);
    }

    [Fact]
    public void Build_Should_RunNonRootReadOnlyWithoutCapabilities()
    {
        var deployment = RunnerDeploymentBuilder.Build(TestObjects.Inputs(), Options);
        var container = Runner(deployment).SecurityContext!;
        var pod = deployment.Spec!.Template!.Spec!.SecurityContext!;

        Assert.True(container.ReadOnlyRootFilesystem);
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.Equal("ALL", container.Capabilities!.Drop![0]);
        Assert.True(pod.RunAsNonRoot);
        Assert.NotEqual(0, pod.RunAsUser);
    }

    [Fact]
    public void Build_Should_GiveTokenThroughSecretEnv_NotAsLiteral()
    {
        var env = Runner(RunnerDeploymentBuilder.Build(TestObjects.Inputs(token: "t0ken"), Options)).Env!.Single();

        Assert.Equal("LADDER_ADMIN_TOKEN", env.Name);
        Assert.Null(env.Value);
        var secretRef = env.ValueFrom!.SecretKeyRef!;
        Assert.Equal(("news-pipeline", "admin-token"), (secretRef.Name, secretRef.Key));
    }

    [Fact]
    public void Build_Should_CopySchedulingAndAnnotateForPrometheus()
    {
        var stream = TestObjects.Stream();
        stream.Spec!.Runner = new RunnerSpec
        {
            NodeSelector = new Dictionary<string, string> { ["pool"] = "gpu" },
            Tolerations = [new Api.V1Alpha1.Toleration { Key = "nvidia.com/gpu", Operator = "Exists", Effect = "NoSchedule" }],
        };

        var template = RunnerDeploymentBuilder.Build(TestObjects.Inputs(stream), Options).Spec!.Template!;

        Assert.Equal("gpu", template.Spec!.NodeSelector!["pool"]);
        Assert.Equal("nvidia.com/gpu", template.Spec.Tolerations!.Single().Key);
        Assert.Equal("true", template.Metadata!.Annotations!["prometheus.io/scrape"]);
        Assert.Equal("8080", template.Metadata.Annotations["prometheus.io/port"]);
    }

    [Fact]
    public void Build_Should_SelectPodsByStreamLabels_And_BeOwnedByStream()
    {
        var deployment = RunnerDeploymentBuilder.Build(TestObjects.Inputs(), Options);

        var selector = deployment.Spec!.Selector!.MatchLabels!;
        Assert.Equal("news", selector["ladder.dev/livestream"]);
        Assert.All(selector, p => Assert.Equal(p.Value, deployment.Spec.Template!.Metadata!.Labels![p.Key]));
        var owner = deployment.Metadata.OwnerReferences!.Single();
        Assert.Equal(("LiveStream", "news", "uid-news", true), (owner.Kind, owner.Name, owner.Uid, owner.Controller ?? false));
        Assert.Equal("ladder.dev/v1alpha1", owner.ApiVersion);
        Assert.Equal(("apps/v1", "Deployment", "media"), (deployment.ApiVersion, deployment.Kind, deployment.Metadata.NamespaceProperty));
    }

    [Fact]
    public void Build_Should_StartRunnerFromMountedSpecFile()
    {
        var template = RunnerDeploymentBuilder.Build(TestObjects.Inputs(), Options).Spec!.Template!.Spec!;
        var volume = template.Volumes!.Single(v => v.Name == "pipeline");

        Assert.Equal(["run", "--spec", "/etc/ladder/pipeline.json", "--http", "0.0.0.0:8080"], template.Containers![0].Args);
        Assert.Equal("news-pipeline", volume.Secret!.SecretName);
        Assert.NotNull(template.Volumes!.Single(v => v.Name == "tmp").EmptyDir);
    }
}
