namespace Ladder.Bench.Latency;

/// <summary>One way to deliver the stream, as the runner's manifest sets it and the player plays it.</summary>
/// <param name="Name">The label in the report: <c>hls</c>, <c>ll-hls</c>, <c>ll-dash</c>.</param>
/// <param name="PlayerMode">The mode <c>play.cjs</c> plays: <c>hls-ll</c> (HLS without switching renditions; hls.js takes low latency when the playlist has parts) or <c>dash-ll</c> (DASH without switching; dash.js takes low latency when the MPD has chunks).</param>
/// <param name="Hls">The LiveStream's <c>outputs.hls</c> (YAML flow mapping).</param>
/// <param name="Dash">The LiveStream's <c>outputs.dash</c> (YAML flow mapping).</param>
internal sealed record LatencyMode(string Name, string PlayerMode, string Hls, string Dash)
{
    /// <summary>Classic HLS and DASH: 2 s CMAF segments, no parts.</summary>
    public static readonly LatencyMode Classic = new("hls", "hls-ll", "{ segmentDuration: 2s, window: 10 }", "{ enabled: true }");

    /// <summary>Low-Latency HLS: 2 s segments of 0.5 s parts.</summary>
    public static readonly LatencyMode LowLatencyHls = new("ll-hls", "hls-ll", "{ segmentDuration: 2s, window: 10, lowLatency: { enabled: true, partTargetDuration: 500ms } }", "{ enabled: true }");

    /// <summary>Low-latency DASH: 2 s segments of 0.5 s chunks, sent while in progress, 3 s latency target (dash.js).</summary>
    public static readonly LatencyMode LowLatencyDash = new("ll-dash", "dash-ll", "{ segmentDuration: 2s, window: 10 }", "{ enabled: true, lowLatency: { enabled: true, targetLatency: 3s, chunkDuration: 500ms } }");

    /// <summary>Every mode, in report order.</summary>
    public static readonly IReadOnlyList<LatencyMode> All = [Classic, LowLatencyHls, LowLatencyDash];
}
