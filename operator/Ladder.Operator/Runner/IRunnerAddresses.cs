using Ladder.Api.V1Alpha1;

namespace Ladder.Operator.Runner;

/// <summary>Where the operator reaches a stream's runner admin API; in a cluster, the stream's Service DNS name.</summary>
public interface IRunnerAddresses
{
    /// <summary>The base address of <paramref name="stream"/>'s runner, e.g. <c>http://news-hd.media.svc:8080/</c>.</summary>
    Uri BaseAddress(LiveStream stream);
}
