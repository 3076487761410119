using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Ladder.Runner.Tests.Support;

/// <summary>
/// What a fresh <c>ladder-runner</c> did with one <see cref="BadInputCorpus"/> case: it published segments or its
/// ingest named the problem (<see cref="Message"/>), within 20 s; then SIGTERM. A crash (exit before SIGTERM or a
/// non-zero code), a hang (over 5 s to exit) or silence (no segment and no error) is a failure.
/// </summary>
internal sealed record CorpusOutcome(string Case, string Outcome, string Message, double Seconds, double ExitSeconds, double PeakMemoryMiB)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    /// <summary>The runner's log, for a case that was not handled.</summary>
    public string Log { get; init; } = "";

    /// <summary>Whether the case was handled: published or refused with a message, clean exit within 5 s, under 1.5 GiB.</summary>
    public bool Handled => Outcome is "published" or "refused" && ExitSeconds < 5 && PeakMemoryMiB < 1536;

    /// <summary>One table row: case, outcome, seconds, exit seconds, peak MiB, message.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"| {Case} | {Outcome} | {Seconds:0.0} | {ExitSeconds:0.0} | {PeakMemoryMiB:0} | {Message.Replace('|', '/')} |");

    /// <summary>Makes the case's file and runs a runner on it.</summary>
    public static async Task<CorpusOutcome> RunAsync(BadMedia media, string name)
    {
        string path;
        try
        {
            path = await BadInputCorpus.Cases[name](media);
        }
        catch (InvalidOperationException ex)
        {
            return new CorpusOutcome(name, "unmade", ex.Message.Split('\n')[0], 0, 0, 0);
        }
        var clock = Stopwatch.StartNew();
        await using var runner = await RunnerProcess.StartAsync($"{{ name: main, url: \"file://{path}\", options: {{ stream_loop: \"-1\" }} }}");
        string outcome = "silent", message = "";
        while (clock.Elapsed < Window && !runner.Process.HasExited)
        {
            await Task.Delay(500);
            JsonElement ingest;
            try
            {
                ingest = await runner.IngestAsync();
            }
            catch (HttpRequestException)
            {
                break;
            }
            if (await runner.SegmentsPublishedAsync("180p") > 0)
            {
                (outcome, message) = ("published", ingest.GetProperty("error").GetString() ?? "");
                break;
            }
            if (ingest.GetProperty("error").GetString() is { Length: > 0 } error)
            {
                (outcome, message) = ("refused", error);
                break;
            }
            message = $"ingest {ingest.GetProperty("state").GetString()}: {ingest.GetProperty("detail").GetString()}";
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = ReadPeakMemoryMiB(runner.Process.Id);
        if (runner.Process.HasExited)
        {
            return new CorpusOutcome(name, "crash", $"exited {runner.Process.ExitCode} on its own", seconds, 0, peak);
        }
        var stop = Stopwatch.StartNew();
        int code;
        try
        {
            code = await runner.StopAsync();
        }
        catch (TimeoutException)
        {
            return new CorpusOutcome(name, "hang", "no exit 30 s after SIGTERM", seconds, stop.Elapsed.TotalSeconds, peak) { Log = runner.Process.Output };
        }
        return code == 0
            ? new CorpusOutcome(name, outcome, message, seconds, stop.Elapsed.TotalSeconds, peak) { Log = runner.Process.Output }
            : new CorpusOutcome(name, "crash", $"exit code {code} after SIGTERM", seconds, stop.Elapsed.TotalSeconds, peak) { Log = runner.Process.Output };
    }

    /// <summary>The process's peak resident memory (<c>VmHWM</c> of <c>/proc/PID/status</c>) in MiB.</summary>
    private static double ReadPeakMemoryMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
