using Ladder.Api.Pipeline;
using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;

namespace Ladder.Operator.Builders;

/// <summary>
/// The ports a runner listens on: <c>http</c> (<see cref="RunnerAdminApi.HttpPort"/>/TCP: admin API, origin, probes,
/// metrics) and one per listening input: RTMP on the URL's port (default 1935)/TCP, SRT and UDP on the URL's port/UDP,
/// RTSP on the URL's port (default 554)/TCP. Pulled inputs need no port. Duplicates (two RTMP apps on 1935) collapse.
/// </summary>
internal static class RunnerPorts
{
    /// <summary>The name of the HTTP port.</summary>
    public const string HttpPortName = "http";

    /// <summary>The ports, http first, then ingest ports in input order.</summary>
    public static IReadOnlyList<RunnerPort> For(PipelineSpec pipeline)
    {
        var ports = new List<RunnerPort> { new(HttpPortName, RunnerAdminApi.HttpPort, "TCP") };
        foreach (var input in pipeline.Inputs.Where(i => i.Mode == InputMode.Listen))
        {
            var port = IngestPort(input);
            if (port is not null && !ports.Any(p => p.Port == port.Port && p.Protocol == port.Protocol))
            {
                ports.Add(port);
            }
        }

        return ports;
    }

    private static RunnerPort? IngestPort(PipelineInput input)
    {
        if (!Uri.TryCreate(input.Url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var (scheme, protocol, defaultPort) = input.Protocol switch
        {
            InputProtocol.Rtmp => ("rtmp", "TCP", Defaults.RtmpPort),
            InputProtocol.Srt => ("srt", "UDP", -1),
            InputProtocol.Udp => ("udp", "UDP", -1),
            InputProtocol.Rtsp => ("rtsp", "TCP", 554),
            _ => (null, null, -1),
        };
        var port = uri.IsDefaultPort || uri.Port <= 0 ? defaultPort : uri.Port;
        return scheme is null || port <= 0 ? null : new RunnerPort($"{scheme}-{port}", port, protocol!);
    }
}
