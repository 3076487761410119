using Ladder.Operator.Builders;
using Ladder.Operator.Tests.Support;

namespace Ladder.Operator.Tests.Builders;

public sealed class RunnerServiceBuilderTests
{
    [Fact]
    public void Build_Should_ExposeIngestAndHttpPorts_ToRunnerPod()
    {
        var inputs = TestObjects.Inputs();

        var service = RunnerServiceBuilder.Build(inputs);

        Assert.Equal(("v1", "Service", "news"), (service.ApiVersion, service.Kind, service.Metadata.Name));
        Assert.Equal([("http", 8080, "TCP"), ("rtmp-1935", 1935, "TCP"), ("srt-9000", 9000, "UDP")],
            service.Spec!.Ports!.Select(p => (p.Name!, p.Port, p.Protocol!)));
        Assert.All(service.Spec.Ports!, p => Assert.Equal(p.Name, p.TargetPort!.Value));
        Assert.Equal(RunnerLabels.Selector(inputs.Stream), service.Spec.Selector);
        Assert.True(service.Spec.PublishNotReadyAddresses);
        Assert.Equal("uid-news", service.Metadata.OwnerReferences!.Single().Uid);
    }
}
