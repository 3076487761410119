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

    /// <summary>Reads <c>play.cjs</c>'s result: <c>samples[].wallLatency</c>, <c>stalls</c>, <c>errors</c>, <c>lowLatency</c>.</summary>
    public static LatencyResult From(LatencyMode mode, JsonElement played, double runnerCores, long runnerPeakRss)
    {
        var latencies = played.GetProperty("samples").EnumerateArray()
            .Select(s => s.TryGetProperty("wallLatency", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetDouble() : double.NaN)
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
