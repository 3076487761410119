using System.Globalization;

namespace Ladder.Bench;

/// <summary>
/// Prints the runs as a table, the outputs as read back, the per-thread profile when taken, the x264 floor's runs, and
/// last one line per figure: <c>fps</c> (frames encoded, summed over the renditions, per wall second),
/// <c>cpu_s_per_media_s</c> and <c>peak_rss_mib</c>, each as <c>ladder=… ffmpeg=… ratio=…</c> with medians over the runs
/// and ratio = Ladder / ffmpeg (above 1 is better for fps, below 1 is better for the other two), and
/// <c>floor_ratio ladder=… ffmpeg=…</c>: each side's median CPU seconds over the floor's (<see cref="X264Floor"/>).
/// </summary>
internal static class Report
{
    /// <summary>Writes the report; returns false when a side or a floor encode failed or an output is not comparable.</summary>
    /// <param name="results">Both sides' runs.</param>
    /// <param name="floors">The floor's runs, one per run number.</param>
    /// <param name="output">Where the report goes.</param>
    public static bool Print(IReadOnlyList<SideResult> results, IReadOnlyList<FloorResult> floors, TextWriter output)
    {
        var ok = true;
        output.WriteLine("run side    exit  wall_s  frames     fps  x_realtime  cpu_s  cpu_s/media_s  floor_ratio  cores_busy  peak_rss_mib  load_1m");
        foreach (var r in results)
        {
            var floorRatio = r.Cost.CpuSeconds / (floors.FirstOrDefault(f => f.Run == r.Run)?.CpuSeconds ?? double.NaN);
            output.WriteLine(Invariant($"{r.Run,3} {r.Side,-6} {r.Cost.ExitCode,5} {r.Cost.WallSeconds,7:0.00} {r.Output.Frames,7} {r.Fps,7:0.0} {r.Realtime,11:0.00} {r.Cost.CpuSeconds,6:0.0} {r.CpuPerMediaSecond,14:0.000} {floorRatio,12:0.000} {r.Cores,11:0.00} {r.Cost.PeakRssMib,13:0.0}  {r.LoadBefore:0.00}->{r.LoadAfter:0.00}"));
            ok &= r.Cost.ExitCode == 0;
        }

        output.WriteLine();
        output.WriteLine("x264 floor (each rung alone from pre-scaled frames; CPU seconds, wall seconds in parentheses; audio not in the floor):");
        foreach (var f in floors)
        {
            var rungs = string.Join("  ", f.Rungs.Select(r => Invariant($"{r.Rung.Name} {r.Cost.CpuSeconds:0.00} ({r.Cost.WallSeconds:0.00})")));
            output.WriteLine(Invariant($"{f.Run,3} {rungs}  floor {f.CpuSeconds:0.00}  aac {f.Audio.CpuSeconds:0.00}{(f.Succeeded ? "" : "  FAILED: see the floor-*.log files (--keep)")}"));
            ok &= f.Succeeded;
        }

        output.WriteLine();
        foreach (var side in results.GroupBy(r => r.Side))
        {
            var last = side.Last();
            output.WriteLine(Invariant($"{side.Key} output (run {last.Run}): {last.Output.Variants} rungs in the master playlist, audio {last.Output.AudioSeconds:0.00} s"));
            foreach (var rendition in last.Output.Renditions)
            {
                output.WriteLine(Invariant($"  {rendition.Name,-6} {rendition.Width}x{rendition.Height,-5} {rendition.Frames,5} frames {rendition.Seconds,6:0.00} s {rendition.Kbps,6:0} kbit/s"));
            }

            foreach (var problem in side.SelectMany(r => r.Output.Problems.Select(p => $"run {r.Run}: {p}")).Distinct())
            {
                output.WriteLine($"  NOT COMPARABLE: {problem}");
                ok = false;
            }

            foreach (var warning in side.SelectMany(r => r.Output.Warnings.Select(w => $"run {r.Run}: {w}")).Distinct())
            {
                output.WriteLine($"  HLS DEFECT (cost still comparable): {warning}");
            }

            if (last.Cost.Threads.Count > 0)
            {
                output.WriteLine($"  CPU seconds by thread (run {last.Run}, sampled every 200 ms):");
                foreach (var (thread, seconds) in last.Cost.Threads.OrderByDescending(t => t.Value))
                {
                    output.WriteLine(Invariant($"    {seconds,7:0.00}  {thread}"));
                }
            }
        }

        output.WriteLine();
        output.WriteLine(Invariant($"load average (1 min) during the runs: {results.Min(r => Math.Min(r.LoadBefore, r.LoadAfter)):0.00} to {results.Max(r => Math.Max(r.LoadBefore, r.LoadAfter)):0.00} on {Environment.ProcessorCount} cores; {results.Count / 2} run(s) per side, medians"));
        output.WriteLine(Line("fps", results, r => r.Fps, "0.0"));
        output.WriteLine(Line("cpu_s_per_media_s", results, r => r.CpuPerMediaSecond, "0.000"));
        var floor = Median(floors.Select(f => f.CpuSeconds));
        var ladderCpu = Median(results.Where(r => r.Side == "ladder").Select(r => r.Cost.CpuSeconds));
        var ffmpegCpu = Median(results.Where(r => r.Side == "ffmpeg").Select(r => r.Cost.CpuSeconds));
        output.WriteLine(Invariant($"floor_ratio ladder={ladderCpu / floor:0.000} ffmpeg={ffmpegCpu / floor:0.000} floor_cpu_s={floor:0.00} aac_cpu_s={Median(floors.Select(f => f.Audio.CpuSeconds)):0.00}"));
        output.WriteLine(Line("peak_rss_mib", results, r => r.Cost.PeakRssMib, "0.0"));
        return ok;
    }

    private static string Line(string figure, IReadOnlyList<SideResult> results, Func<SideResult, double> value, string format)
    {
        var ladder = Median(results.Where(r => r.Side == "ladder").Select(value));
        var ffmpeg = Median(results.Where(r => r.Side == "ffmpeg").Select(value));
        return $"{figure} ladder={ladder.ToString(format, CultureInfo.InvariantCulture)} ffmpeg={ffmpeg.ToString(format, CultureInfo.InvariantCulture)} ratio={(ladder / ffmpeg).ToString("0.000", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The median of <paramref name="values"/>; NaN when there are none.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
