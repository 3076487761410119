namespace Ladder.Api.Runner;

/// <summary>
/// Where the runner serves its outputs (<see cref="RunnerStatus.Endpoints"/>): URL paths relative to the runner's HTTP
/// root (port <see cref="RunnerAdminApi.HttpPort"/>); the operator prefixes them with the stream's Service address.
/// </summary>
public sealed record RunnerEndpoints
{
    /// <summary>The HLS multivariant playlist path, e.g. <c>/hls/master.m3u8</c>; null when HLS is off.</summary>
    public string? Hls { get; init; }

    /// <summary>The DASH MPD path, e.g. <c>/dash/manifest.mpd</c>; null when DASH is off.</summary>
    public string? Dash { get; init; }
}
