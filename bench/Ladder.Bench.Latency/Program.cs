using System.Globalization;
using Ladder.Bench.Latency;

// ladder-bench-latency: glass-to-glass latency (median, p95) of classic HLS, LL-HLS and LL-DASH in headless Chromium,
// with the runner's CPU and peak RSS for each; see README.md.
var repoRoot = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../"));
BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args, repoRoot);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"ladder-bench-latency: {e.Message}");
    return 2;
}

var work = Directory.CreateTempSubdirectory("ladder-bench-latency-").FullName;
Console.WriteLine($"ladder-bench-latency: {settings.Seconds} s of playback per mode, {Environment.ProcessorCount} cores, logs in {work}");
var results = new List<LatencyResult>();
foreach (var mode in LatencyMode.All.Where(m => settings.Modes.Contains(m.Name)))
{
    Console.WriteLine($"measuring {mode.Name} ...");
    results.Add(LatencySession.Run(mode, settings, work));
}

var c = CultureInfo.InvariantCulture;
Console.WriteLine();
Console.WriteLine("mode    | median s | p95 s | samples | low-latency player | stalls | errors | runner cores | runner peak RSS");
Console.WriteLine("--------|----------|-------|---------|--------------------|--------|--------|--------------|----------------");
foreach (var r in results)
{
    Console.WriteLine(string.Create(c, $"{r.Mode.Name,-7} | {r.Median,8:0.00} | {r.P95,5:0.00} | {r.Latencies.Count,7} | {(r.LowLatencyPlayer ? "yes" : "no"),-18} | {r.Stalls,6} | {r.PlayerErrors,6} | {r.RunnerCores,12:0.00} | {r.RunnerPeakRssBytes / 1048576.0,10:0.0} MiB"));
}

Console.WriteLine();
foreach (var r in results)
{
    Console.WriteLine(string.Create(c, $"latency.{r.Mode.Name}.median_s: {r.Median:0.000}"));
    Console.WriteLine(string.Create(c, $"latency.{r.Mode.Name}.p95_s: {r.P95:0.000}"));
}

return 0;
