using System.Globalization;
using System.Reflection;

namespace Ladder.Bench;

/// <summary>
/// <c>make bench</c>: runs the ffmpeg CLI (the peer) and Ladder (in a child process: <see cref="LadderChild"/>) one
/// after the other on the same input with the same ladder (<see cref="BenchLadder"/>), unpaced, each writing fMP4 HLS
/// to a temporary directory; measures both the same way (<see cref="MeasuredProcess"/>), reads both outputs back
/// (<see cref="HlsOutput"/>), measures the x264 floor of the same ladder (<see cref="X264Floor"/>) and prints a table,
/// then one line per figure with the ratio Ladder / ffmpeg and each side's ratio to the floor.
/// Exits 1 when a side failed or the outputs are not comparable, 2 on a bad command line.
/// </summary>
internal static class Program
{
    private const string DefaultInput = "bbb-1080p24-h264-aac-30s-gop2s.mp4";

    /// <summary>The entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException error)
        {
            await Console.Error.WriteLineAsync($"ladder-bench: {error.Message}\n{BenchOptions.Usage}").ConfigureAwait(false);
            return 2;
        }

        if (options.Child is { } child)
        {
            return await LadderChild.RunAsync(child.Spec, child.Output).ConfigureAwait(false);
        }

        var work = Directory.CreateTempSubdirectory("ladder-bench-").FullName;
        try
        {
            return Run(options, work);
        }
        finally
        {
            if (options.Keep)
            {
                Console.Error.WriteLine($"kept {work}");
            }
            else
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static int Run(BenchOptions options, string work)
    {
        var source = options.Input ?? LocateDefaultInput();
        var input = options.Seconds is { } seconds ? InputMedia.Trim(source, seconds, Path.Combine(work, "input.mp4")) : InputMedia.Probe(source);
        var specPath = Path.Combine(work, "pipeline.json");
        File.WriteAllText(specPath, BenchLadder.ToSpec(input.Path).ToJson());
        var ladderOut = Path.Combine(work, "ladder");
        var ffmpegOut = Path.Combine(work, "ffmpeg");
        var ffmpegArgs = FfmpegPeer.Arguments(input.Path, ffmpegOut, input.FrameRate);
        var (self, selfArgs) = Self();
        var ladderArgs = selfArgs.Concat(["--ladder-child", specPath, ladderOut]).ToList();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"input: {input.Path} ({input.Seconds:0.###} s, {input.Frames} frames at {input.FrameRate:0.###} fps)"));
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; ladder: {string.Join(", ", BenchLadder.Rungs.Select(r => $"{r.Name} {r.Width}x{r.Height} {r.Kbps}k"))}, libx264 {BenchLadder.Preset}, GOP {BenchLadder.GopSeconds} s, AAC {BenchLadder.AudioKbps}k");
        Console.WriteLine($"peer: {FfmpegPeer.Quote("ffmpeg", ffmpegArgs)}");
        Console.WriteLine($"ladder: {string.Join(' ', RunnerImage.Environment.Select(e => $"{e.Key}={e.Value}"))} {FfmpegPeer.Quote(self, ladderArgs)}   (LivePipeline + LivePackager with the spec's window in memory, every segment recorded; spec below)");
        Console.WriteLine($"ladder spec: {File.ReadAllText(specPath).ReplaceLineEndings(" ")}");
        Console.WriteLine();

        if (options.StartupOnly)
        {
            return Startup(options, input, specPath, ffmpegOut, work) ? 0 : 1;
        }

        Console.Error.WriteLine("x264 floor: scaling the input to each rung...");
        using var floor = X264Floor.Prepare(input, work);
        foreach (var command in floor.Describe())
        {
            Console.WriteLine($"floor: {command}");
        }

        Console.WriteLine();
        var results = new List<SideResult>();
        var floors = new List<FloorResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            // Rotate which side goes first, so a load that drifts during a run weighs on every side alike.
            var sides = new List<(string Side, Action Measure)>
            {
                ("ladder", () => results.Add(Measure("ladder", run, self, ladderArgs, RunnerImage.Environment, ladderOut, input, work, options.Profile))),
                ("ffmpeg", () => results.Add(Measure("ffmpeg", run, "ffmpeg", ffmpegArgs, null, ffmpegOut, input, work, options.Profile))),
                ("x264 floor", () => floors.Add(floor.Measure(run, work))),
            };
            var first = (run - 1) % sides.Count;
            foreach (var (side, measure) in sides.Skip(first).Concat(sides.Take(first)))
            {
                Console.Error.WriteLine($"run {run}/{options.Runs}: {side}...");
                measure();
            }
        }

        var ok = Report.Print(results, floors, Console.Out);
        return ok & Startup(options, input, specPath, ffmpegOut, work) ? 0 : 1;
    }

    /// <summary>The startup section, after the others (its <c>startup_s</c> lines come last), at least 3 runs for a median; true when skipped.</summary>
    private static bool Startup(BenchOptions options, InputMedia input, string specPath, string ffmpegOut, string work)
    {
        if (options.Runners.Count == 0)
        {
            return true;
        }

        Console.WriteLine();
        return StartupSection.Run(options.Runners, Math.Max(options.Runs, 3), specPath, FfmpegPeer.Arguments(input.Path, ffmpegOut, input.FrameRate, live: true), ffmpegOut, work, Console.Out);
    }

    private static SideResult Measure(string side, int run, string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment, string output, InputMedia input, string work, bool profile)
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        Directory.CreateDirectory(output);
        var loadBefore = LoadAverage();
        var cost = MeasuredProcess.Run(program, arguments, Path.Combine(work, $"{side}-{run}.log"), profile, environment);
        var loadAfter = LoadAverage();
        return new SideResult(side, run, cost, HlsOutput.Inspect(output, input), input.Seconds, loadBefore, loadAfter);
    }

    /// <summary>How to start this program again: its apphost, or <c>dotnet ladder-bench.dll</c>.</summary>
    private static (string Program, IReadOnlyList<string> Prefix) Self()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable runs the bench");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [Assembly.GetExecutingAssembly().Location])
            : (process, []);
    }

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static string LocateDefaultInput()
    {
        var path = Path.GetFullPath(Path.Combine(RunnerImage.RepoRoot(), "..", "shared", "media", DefaultInput));
        return File.Exists(path) ? path : throw new FileNotFoundException($"the benchmark input {path} is missing; pass --input FILE", path);
    }
}
