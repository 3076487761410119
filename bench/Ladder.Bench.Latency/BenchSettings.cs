using System.Globalization;

namespace Ladder.Bench.Latency;

/// <summary>
/// The command line: <c>ladder-bench-latency [--runner PATH] [--seconds 60] [--input CLIP] [--modes hls,ll-hls,…]</c>.
/// Paths default to the repository's: the built runner, <c>../shared/media</c>'s 720p clip, <c>.tools</c>' playwright-core.
/// </summary>
/// <param name="Runner">The <c>ladder-runner</c> executable.</param>
/// <param name="Seconds">How long the player plays each mode, seconds.</param>
/// <param name="Input">The clip the pusher loops in real time.</param>
/// <param name="Modes">The modes to measure, by name.</param>
/// <param name="PlayScript">The <c>play.cjs</c> driver.</param>
/// <param name="PlaywrightCore">The playwright-core package folder.</param>
/// <param name="Chromium">Debian's Chromium.</param>
internal sealed record BenchSettings(string Runner, int Seconds, string Input, IReadOnlyList<string> Modes, string PlayScript, string PlaywrightCore, string Chromium)
{
    /// <summary>Parses the flags; an unknown flag or a missing file throws <see cref="ArgumentException"/> naming it.</summary>
    public static BenchSettings Parse(string[] args, string repoRoot)
    {
        var settings = new BenchSettings(
            Path.Combine(repoRoot, "pipeline-runner/Ladder.Runner/bin/Release/net10.0/ladder-runner"),
            60,
            Path.GetFullPath(Path.Combine(repoRoot, "../shared/media/bbb-720p24-h264-aac-30s.mp4")),
            [.. LatencyMode.All.Select(m => m.Name)],
            Path.Combine(repoRoot, "pipeline-runner/Ladder.Runner.Tests/Browser/play.cjs"),
            Path.Combine(repoRoot, ".tools/node_modules/playwright-core"),
            "/usr/bin/chromium");
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            settings = args[i] switch
            {
                "--runner" => settings with { Runner = Path.GetFullPath(value) },
                "--seconds" => settings with { Seconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--input" => settings with { Input = Path.GetFullPath(value) },
                "--modes" => settings with { Modes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                _ => throw new ArgumentException($"unknown flag {args[i]}; use --runner PATH, --seconds N, --input CLIP, --modes {string.Join(",", LatencyMode.All.Select(m => m.Name))}"),
            };
            i++;
        }

        foreach (var (what, path) in new[] { ("--runner", settings.Runner), ("--input", settings.Input), ("play.cjs", settings.PlayScript), ("Chromium", settings.Chromium) })
        {
            if (!File.Exists(path))
            {
                throw new ArgumentException($"{what}: {path} does not exist (build the runner with `make build`, install tools with `make deps`)");
            }
        }

        var unknown = settings.Modes.Except(LatencyMode.All.Select(m => m.Name)).ToList();
        return unknown.Count == 0 ? settings : throw new ArgumentException($"--modes: unknown {string.Join(", ", unknown)}; known: {string.Join(", ", LatencyMode.All.Select(m => m.Name))}");
    }
}
