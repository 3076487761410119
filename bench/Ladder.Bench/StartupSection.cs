using System.Globalization;

namespace Ladder.Bench;

/// <summary>
/// The startup figure: seconds from starting the process to the first segment published, for each published
/// <c>ladder-runner</c> variant (<c>--runner</c>) and the ffmpeg CLI writing the same ladder from the same input
/// (<see cref="StartupProbe"/>). Each run starts every side once, rotating which goes first; the report gives every run,
/// the medians, and one line per variant: <c>startup_s ladder=… ffmpeg=… ratio=…</c> (Ladder / ffmpeg, below 1 is
/// better).
/// </summary>
internal static class StartupSection
{
    /// <summary>Runs the section and prints it; returns false when a side failed to publish a segment.</summary>
    /// <param name="runners">The published <c>ladder-runner</c> executables, labelled by their folder's name.</param>
    /// <param name="runs">Starts per side.</param>
    /// <param name="specPath">The PipelineSpec JSON file the runners run.</param>
    /// <param name="ffmpegArguments">The peer's arguments (<see cref="FfmpegPeer.Arguments"/>).</param>
    /// <param name="ffmpegOut">The folder the peer writes under.</param>
    /// <param name="work">Where the logs go.</param>
    /// <param name="output">Where the report goes.</param>
    public static bool Run(IReadOnlyList<string> runners, int runs, string specPath, IReadOnlyList<string> ffmpegArguments, string ffmpegOut, string work, TextWriter output)
    {
        var sides = runners.Select(r => (Label: Label(r), Measure: (Func<int, StartupTimes>)(run => StartupProbe.Ladder(Label(r), run, r, specPath, Path.Combine(work, $"startup-{Label(r)}-{run}.log")))))
            .Append(("ffmpeg", run =>
            {
                if (Directory.Exists(ffmpegOut))
                {
                    Directory.Delete(ffmpegOut, recursive: true);
                }

                Directory.CreateDirectory(ffmpegOut);
                return StartupProbe.Ffmpeg(run, ffmpegArguments, Path.Combine(ffmpegOut, BenchLadder.Rungs[0].Name, "playlist.m3u8"), Path.Combine(work, $"startup-ffmpeg-{run}.log"));
            }
        ))
            .ToList();
        var results = new List<StartupTimes>();
        for (var run = 1; run <= runs; run++)
        {
            // Rotate which side starts first, so a load that drifts during a run weighs on every side alike.
            foreach (var (label, measure) in sides.Skip((run - 1) % sides.Count).Concat(sides.Take((run - 1) % sides.Count)))
            {
                Console.Error.WriteLine($"startup run {run}/{runs}: {label}...");
                try
                {
                    results.Add(measure(run));
                }
                catch (InvalidOperationException error)
                {
                    output.WriteLine($"STARTUP FAILED: {label} run {run}: {error.Message}");
                    return false;
                }
            }
        }

        output.WriteLine("startup (seconds from process start): run side           http  input  keyframe  first_segment");
        foreach (var r in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Run,3} {r.Side,-14} {Seconds(r.HttpSeconds),6} {Seconds(r.InputSeconds),6} {Seconds(r.KeyframeSeconds),9} {r.SegmentSeconds,14:0.000}"));
        }

        var peer = Report.Median(results.Where(r => r.Side == "ffmpeg").Select(r => r.SegmentSeconds));
        foreach (var label in runners.Select(Label))
        {
            var mine = results.Where(r => r.Side == label).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}: median http {Median(mine, r => r.HttpSeconds)}, input opened {Median(mine, r => r.InputSeconds)}, first keyframe decoded {Median(mine, r => r.KeyframeSeconds)}"));
        }

        foreach (var label in runners.Select(Label))
        {
            var ladder = Report.Median(results.Where(r => r.Side == label).Select(r => r.SegmentSeconds));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"startup_s{(runners.Count > 1 ? $"[{label}]" : string.Empty)} ladder={ladder:0.000} ffmpeg={peer:0.000} ratio={ladder / peer:0.000}"));
        }

        return true;
    }

    private static string Label(string runner) => Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(runner))) ?? runner;

    private static string Seconds(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Median(IEnumerable<StartupTimes> results, Func<StartupTimes, double?> figure)
    {
        var values = results.Select(figure).OfType<double>().ToList();
        return values.Count == 0 ? "-" : Report.Median(values).ToString("0.000 s", CultureInfo.InvariantCulture);
    }
}
