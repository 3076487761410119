using System.Text.Json;

namespace Ladder.Bench.Latency;

/// <summary>What one mode showed.</summary>
/// <param name="Mode">The mode.</param>
/// <param name="Latencies">Glass-to-glass latency samples, seconds, one a second: wall time now minus the wall time of the frame on screen (see README).</param>
/// <param name="LowLatencyPlayer">Whether the player ran in its low-latency mode.</param>
/// <param name="Stalls">How often the video element waited for data once playing (its <c>waiting</c> events).</param>
/// <param name="PlayerErrors">Errors the player reported.</param>
/// <param name="RunnerCores">The runner's CPU while playing, in cores (CPU seconds per wall second).</param>
/// <param name="RunnerPeakRssBytes">The runner's peak resident set, bytes.</param>
internal sealed record LatencyResult(LatencyMode Mode, IReadOnlyList<double> Latencies, bool LowLatencyPlayer, int Stalls, int PlayerErrors, double RunnerCores, long RunnerPeakRssBytes)
{
    /// <summary>The median latency, seconds; NaN without samples.</summary>
    public double Median => Percentile(0.5);

    /// <summary>The 95th percentile latency (nearest rank), seconds; NaN without samples.</summary>
    public double P95 => Percentile(0.95);

    /// <summary>
    /// Reads <c>play.cjs</c>'s result (<c>samples[]</c>, <c>stalls</c>, <c>errors</c>, <c>lowLatency</c>). A sample's
    /// latency is its <c>wallLatency</c> for HLS (hls.js's <c>playingDate</c>, from <c>EXT-X-PROGRAM-DATE-TIME</c>); for
    /// DASH, whose player states its latency against the MPD's availability times rather than the frames' arrival, it is
    /// <c>takenAt</c> less the wall-clock time of the playhead on the runner's timeline: <paramref name="timelineOrigin"/>
    /// plus <c>currentTime</c> (the MPD's Period starts at 0 with no presentationTimeOffset, so dash.js's media time is
    /// the output presentation time).
    /// </summary>
    public static LatencyResult From(LatencyMode mode, JsonElement played, DateTimeOffset timelineOrigin, double runnerCores, long runnerPeakRss)
    {
        var dash = mode.PlayerMode.StartsWith("dash", StringComparison.Ordinal);
        var latencies = played.GetProperty("samples").EnumerateArray()
            .Select(s => dash
                ? (s.GetProperty("takenAt").GetDouble() / 1000) - (timelineOrigin.ToUnixTimeMilliseconds() / 1000.0) - s.GetProperty("currentTime").GetDouble()
                : s.TryGetProperty("wallLatency", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetDouble() : double.NaN)
            .Where(double.IsFinite).ToList();
        return new LatencyResult(
            mode,
            latencies,
            played.TryGetProperty("lowLatency", out var ll) && ll.ValueKind == JsonValueKind.True,
            played.TryGetProperty("stalls", out var stalls) && stalls.ValueKind == JsonValueKind.Number ? stalls.GetInt32() : 0,
            played.GetProperty("errors").GetArrayLength() + played.GetProperty("pageErrors").GetArrayLength(),
            runnerCores,
            runnerPeakRss);
    }

    private double Percentile(double p)
    {
        if (Latencies.Count == 0)
        {
            return double.NaN;
        }

        var sorted = Latencies.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
