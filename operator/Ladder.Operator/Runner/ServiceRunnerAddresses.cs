using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;
using Ladder.Operator.Builders;

namespace Ladder.Operator.Runner;

/// <summary>The runner through its Service: <c>http://{stream}.{namespace}.{domain}:8080/</c>.</summary>
/// <param name="serviceDomain">The Services' DNS suffix, e.g. <c>svc</c> or <c>svc.cluster.local</c>.</param>
internal sealed class ServiceRunnerAddresses(string serviceDomain) : IRunnerAddresses
{
    /// <summary>The Service's host name.</summary>
    public string Host(LiveStream stream) => $"{RunnerLabels.WorkloadName(stream)}.{stream.Metadata.NamespaceProperty}.{serviceDomain}";

    /// <inheritdoc />
    public Uri BaseAddress(LiveStream stream) => new($"http://{Host(stream)}:{RunnerAdminApi.HttpPort}/");
}
