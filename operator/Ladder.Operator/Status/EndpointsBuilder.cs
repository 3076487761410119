using Ladder.Api.Pipeline;
using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;

namespace Ladder.Operator.Status;

/// <summary>
/// The stream's <c>status.endpoints</c> through its Service: ingest URLs of listening inputs (host replaced by the
/// Service's, stream keys masked) from the PipelineSpec, and the playlist URLs the runner reports.
/// </summary>
internal static class EndpointsBuilder
{
    /// <summary>Builds the endpoints for a runner reachable at <paramref name="serviceHost"/>.</summary>
    public static StreamEndpoints Build(PipelineSpec pipeline, string serviceHost, RunnerEndpoints? runner)
    {
        var http = $"http://{serviceHost}:{RunnerAdminApi.HttpPort}";
        var ingest = pipeline.Inputs.Where(i => i.Mode == InputMode.Listen).Take(8).Select(i => new IngestEndpoint
        {
            Input = i.Name,
            Url = WithHost(i.Redact().Url, serviceHost),
        }).ToList();
        return new StreamEndpoints
        {
            Hls = runner?.Hls is { } hls ? http + hls : null,
            Dash = runner?.Dash is { } dash ? http + dash : null,
            Ingest = ingest.Count == 0 ? null : ingest,
        };
    }

    private static string WithHost(string url, string host) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Scheme + "://" + host + (uri.IsDefaultPort ? "" : ":" + uri.Port) + uri.PathAndQuery : url;
}
