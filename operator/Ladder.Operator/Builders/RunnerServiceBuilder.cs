using k8s.Models;

namespace Ladder.Operator.Builders;

/// <summary>
/// The stream's ClusterIP Service for ingest (RTMP/SRT/UDP ports) and playback plus the admin API (<c>http</c>). It
/// publishes not-ready addresses: the runner is not ready until an encoder pushes, and the encoder (and the operator's
/// admin calls) must reach it through this Service before that.
/// </summary>
internal static class RunnerServiceBuilder
{
    /// <summary>Builds the Service.</summary>
    public static V1Service Build(RunnerInputs inputs) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = OwnerReferences.OwnedMetadata(inputs.Stream, RunnerLabels.WorkloadName(inputs.Stream)),
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = RunnerLabels.Selector(inputs.Stream),
            Ports = [.. RunnerPorts.For(inputs.Pipeline).Select(p => new V1ServicePort { Name = p.Name, Port = p.Port, TargetPort = p.Name, Protocol = p.Protocol })],
            PublishNotReadyAddresses = true,
        },
    };
}
