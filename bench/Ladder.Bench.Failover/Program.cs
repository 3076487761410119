using System.Globalization;
using Ladder.Bench.Failover;
using Ladder.LibAv;
using Microsoft.Extensions.Logging;

// ladder-bench-failover [clip.mp4] [trials] [--failover-only]: failover gap with failover.inputTimeout 1 s and 250 ms (and its
// two parts), and reload figures (latency to the first new segment, longest gap between segments of an untouched rendition)
// for a rendition and an audio change.
LibAv.EnsureLoaded();
using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
LibAvLog.Attach(loggerFactory.CreateLogger("FFmpeg"), LogLevel.Warning); // encoder chatter stays out of the figures
var clip = args.Length > 0 ? args[0] : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/media/bbb-720p24-h264-aac-30s.mp4"));
var trials = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var failoverOnly = args.Contains("--failover-only");

static string Describe(IReadOnlyList<double> values) => string.Create(
    CultureInfo.InvariantCulture,
    $"median {values.Order().ElementAt(values.Count / 2):0} ms, min {values.Min():0}, max {values.Max():0} ({string.Join(", ", values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))})");

foreach (var (timeout, name) in new[] { (1.0, "1 s"), (0.25, "250 ms") })
{
    var failovers = FailoverBench.Run(timeout, trials);
    Console.WriteLine($"failover gap, inputTimeout {name}: {Describe([.. failovers.Select(f => f.GapMs)])}");
    Console.WriteLine($"  kill to switch (timeout):      {Describe([.. failovers.Select(f => f.DetectMs)])}");
    Console.WriteLine($"  switch to backup's keyframe:   {Describe([.. failovers.Select(f => f.KeyframeWaitMs)])}");
}

if (failoverOnly)
{
    return;
}

foreach (var change in new[] { ReloadBench.Change.Rendition, ReloadBench.Change.Audio })
{
    var figures = ReloadBench.Run(clip, trials, change);
    var name = change.ToString().ToLowerInvariant();
    Console.WriteLine($"reload {name}: PUT to first new segment: {Describe([.. figures.Select(f => f.LatencyMs)])}");
    Console.WriteLine($"reload {name}: longest gap between r90 segments (untouched): {Describe([.. figures.Select(f => f.GapMs)])}");
}
