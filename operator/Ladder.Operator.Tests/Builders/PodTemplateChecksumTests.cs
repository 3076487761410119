using System.Text.Json;
using Ladder.Api.Meta;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Operator.Builders;
using Ladder.Operator.Hosting;
using Ladder.Operator.Tests.Support;

namespace Ladder.Operator.Tests.Builders;

public sealed class PodTemplateChecksumTests
{
    private static readonly OperatorOptions Options = new() { RunnerImage = "ladder/runner:1.0" };

    private static string Template(RunnerInputs inputs) =>
        JsonSerializer.Serialize(RunnerDeploymentBuilder.Build(inputs, Options).Spec!.Template, WireJson.Options);

    [Fact]
    public void Template_Should_StayByteIdentical_When_OnlyBitrateChanges()
    {
        var before = TestObjects.Inputs(profile: TestObjects.Profile(bitrate: "2800k"), generation: 1);
        var after = TestObjects.Inputs(profile: TestObjects.Profile(bitrate: "3500k"), generation: 2);

        Assert.NotEqual(before.Pipeline, after.Pipeline);
        Assert.Equal(Template(before), Template(after));
    }

    [Fact]
    public void Template_Should_StayByteIdentical_When_OnlyPushTargetChanges()
    {
        var stream = TestObjects.Stream();
        stream.Spec!.Outputs = new OutputSpec { Push = [new PushTarget { Name = "youtube", Url = "rtmp://a.rtmp.youtube.com/live2" }] };

        var pushed = TestObjects.Inputs(stream, generation: 2);

        Assert.NotEqual(TestObjects.Inputs().Pipeline.Outputs, pushed.Pipeline.Outputs);
        Assert.Equal(Template(TestObjects.Inputs()), Template(pushed));
    }

    [Fact]
    public void Template_Should_Change_When_GpuIsNeeded()
    {
        var gpu = TestObjects.Inputs(profile: TestObjects.Profile(hardware: HardwareAcceleration.Nvidia));

        Assert.NotEqual(Checksum(TestObjects.Inputs()), Checksum(gpu));
    }

    [Fact]
    public void Template_Should_Change_When_ImageResourcesPortOrNodeSelectorChange()
    {
        var baseline = Checksum(TestObjects.Inputs());
        Assert.NotEqual(baseline, Checksum(WithRunner(new RunnerSpec { Image = "other:2" })));
        Assert.NotEqual(baseline, Checksum(WithRunner(new RunnerSpec { Resources = new ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = "4" } } })));
        Assert.NotEqual(baseline, Checksum(WithRunner(new RunnerSpec { NodeSelector = new Dictionary<string, string> { ["pool"] = "gpu" } })));

        var otherPort = TestObjects.Stream();
        otherPort.Spec!.Inputs![1].Url = "srt://0.0.0.0:9001";
        Assert.NotEqual(baseline, Checksum(TestObjects.Inputs(otherPort)));
    }

    private static string Checksum(RunnerInputs inputs) => PodTemplateChecksum.Of(RunnerDeploymentBuilder.Build(inputs, Options))!;

    private static RunnerInputs WithRunner(RunnerSpec runner)
    {
        var stream = TestObjects.Stream();
        stream.Spec!.Runner = runner;
        return TestObjects.Inputs(stream);
    }
}
