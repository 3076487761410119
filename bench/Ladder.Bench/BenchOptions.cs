using System.Globalization;

namespace Ladder.Bench;

/// <summary>
/// The command line: <c>ladder-bench [--input file] [--runs N] [--seconds S] [--profile] [--keep] [--runner PATH]... [--startup-only]</c>, or the internal
/// <c>ladder-bench --ladder-child &lt;pipeline.json&gt; &lt;output-dir&gt;</c> the bench starts for the Ladder side.
/// </summary>
internal sealed record BenchOptions
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: ladder-bench [--input FILE] [--runs N] [--seconds S] [--profile] [--keep] [--runner PATH]... [--startup-only]
          --input FILE   the input (default ../shared/media/bbb-1080p24-h264-aac-30s-gop2s.mp4 beside the repository)
          --runs N       runs per side, alternating which side goes first; figures are medians (default 1)
          --seconds S    use only the first S seconds of the input, for a quick check
          --profile      also report CPU seconds per thread name (/proc/<pid>/task/*/stat)
          --keep         keep the work directory (HLS outputs, logs, pipeline.json)
          --runner PATH  a published ladder-runner: also time its start to the first segment against ffmpeg's;
                         repeat it to compare builds (each labelled by its folder's name)
          --startup-only only the startup figure (needs --runner)
        """;

    /// <summary>The input file.</summary>
    public string? Input { get; init; }

    /// <summary>Runs per side.</summary>
    public int Runs { get; init; } = 1;

    /// <summary>Seconds of the input to use; null for all.</summary>
    public double? Seconds { get; init; }

    /// <summary>Report per-thread CPU.</summary>
    public bool Profile { get; init; }

    /// <summary>Keep the work directory.</summary>
    public bool Keep { get; init; }

    /// <summary>Published <c>ladder-runner</c> executables whose startup to the first segment is timed; none skips that section.</summary>
    public IReadOnlyList<string> Runners { get; init; } = [];

    /// <summary>Only the startup section.</summary>
    public bool StartupOnly { get; init; }

    /// <summary>The child mode's spec and output directory; null in the bench mode.</summary>
    public (string Spec, string Output)? Child { get; init; }

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException">An unknown option, an unreadable value, a <c>--runner</c> that is not a file, or <c>--startup-only</c> without <c>--runner</c>; the message says which.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--input" => options with { Input = Path.GetFullPath(Next()) },
                "--runs" => options with { Runs = int.TryParse(Next(), CultureInfo.InvariantCulture, out var runs) && runs > 0 ? runs : throw new ArgumentException("--runs needs a positive whole number") },
                "--seconds" => options with { Seconds = double.TryParse(Next(), CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : throw new ArgumentException("--seconds needs a positive number") },
                "--profile" => options with { Profile = true },
                "--keep" => options with { Keep = true },
                "--runner" => options with { Runners = [.. options.Runners, File.Exists(Next()) ? Path.GetFullPath(args[i]) : throw new ArgumentException($"--runner {args[i]}: no such file (make bench publishes ladder-runner to out/bench/runner/)")] },
                "--startup-only" => options with { StartupOnly = true },
                "--ladder-child" => options with { Child = (Next(), Next()) },
                var other => throw new ArgumentException($"unknown option {other}"),
            };
        }

        return options.StartupOnly && options.Runners.Count == 0 ? throw new ArgumentException("--startup-only needs --runner PATH") : options;
    }
}
