using System.Globalization;
using Ladder.Bench.Failover;
using Ladder.LibAv;
using Microsoft.Extensions.Logging;

// ladder-bench-failover [clip.mp4] [trials]: failover gap with failover.inputTimeout 1 s and 250 ms, and reload figures
// (latency to the first new segment, longest gap between segments of an untouched rendition) for a rendition and an audio change.
LibAv.EnsureLoaded();
using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
LibAvLog.Attach(loggerFactory.CreateLogger("FFmpeg"), LogLevel.Warning); // encoder chatter stays out of the figures
var clip = args.Length > 0 ? args[0] : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/media/bbb-720p24-h264-aac-30s.mp4"));
var trials = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;

static string Describe(IReadOnlyList<double> values) => string.Create(
    CultureInfo.InvariantCulture,
    $"median {values.Order().ElementAt(values.Count / 2):0} ms, min {values.Min():0}, max {values.Max():0} ({string.Join(", ", values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))})");

Console.WriteLine($"failover gap, inputTimeout 1 s:      {Describe(FailoverBench.Run(1, trials))}");
Console.WriteLine($"failover gap, inputTimeout 250 ms:   {Describe(FailoverBench.Run(0.25, trials))}");
foreach (var change in new[] { ReloadBench.Change.Rendition, ReloadBench.Change.Audio })
{
    var figures = ReloadBench.Run(clip, trials, change);
    var name = change.ToString().ToLowerInvariant();
    Console.WriteLine($"reload {name}: PUT to first new segment: {Describe([.. figures.Select(f => f.LatencyMs)])}");
    Console.WriteLine($"reload {name}: longest gap between r90 segments (untouched): {Describe([.. figures.Select(f => f.GapMs)])}");
}
