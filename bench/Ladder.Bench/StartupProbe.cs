using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Ladder.Bench;

/// <summary>
/// Starts one side as a real process and times it to its first published segment, polling every
/// <see cref="PollInterval"/>: <c>ladder-runner run --spec … --http 127.0.0.1:&lt;port&gt;</c> through
/// <c>GET /v1/status</c> and the top rung's HLS media playlist it serves, the ffmpeg CLI through the media playlist it
/// writes. The process is killed once the first segment is listed. The runner gets the environment its image sets
/// (<see cref="RunnerImage.Environment"/>).
/// </summary>
internal static class StartupProbe
{
    /// <summary>How often the probe looks.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>How long a side may take to its first segment before the bench gives up on it.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    /// <summary>Times <paramref name="runner"/> (a published <c>ladder-runner</c>) running <paramref name="specPath"/>.</summary>
    /// <param name="side">The variant's label.</param>
    /// <param name="run">The run number.</param>
    /// <param name="runner">The <c>ladder-runner</c> executable.</param>
    /// <param name="specPath">The PipelineSpec JSON file.</param>
    /// <param name="logPath">Where its standard output and error go.</param>
    /// <exception cref="InvalidOperationException">It exited, or listed no segment within <see cref="Limit"/>; the message names its log.</exception>
    public static StartupTimes Ladder(string side, int run, string runner, string specPath, string logPath)
    {
        var address = $"127.0.0.1:{FreePort()}";
        using var http = new HttpClient { BaseAddress = new Uri($"http://{address}/"), Timeout = TimeSpan.FromSeconds(2) };
        double? httpAt = null, inputAt = null, keyframeAt = null;
        string? playlist = null;
        var segmentAt = Poll(runner, ["run", "--spec", specPath, "--http", address], RunnerImage.Environment, logPath, elapsed =>
        {
            if (Get(http, "v1/status") is not { } body)
            {
                return false;
            }

            httpAt ??= elapsed();
            var status = JsonNode.Parse(body);
            if (status?["activeInput"] is not null)
            {
                inputAt ??= elapsed();
            }

            var decoded = status?["pipeline"]?["stages"]?.AsArray().FirstOrDefault(s => (string?)s?["kind"] == "decode")?["counters"]?["items"];
            if (decoded is not null && (long)decoded > 0)
            {
                keyframeAt ??= elapsed();
            }

            playlist ??= (string?)status?["renditions"]?[0]?["playlist"];
            return playlist is not null && Get(http, playlist.TrimStart('/'))?.Contains("#EXTINF", StringComparison.Ordinal) == true;
        });
        return new StartupTimes(side, run, httpAt, inputAt, keyframeAt, segmentAt);
    }

    /// <summary>Times the ffmpeg CLI with <paramref name="arguments"/> until <paramref name="playlistPath"/> lists a segment.</summary>
    /// <param name="run">The run number.</param>
    /// <param name="arguments">Its arguments (<see cref="FfmpegPeer.Arguments"/>).</param>
    /// <param name="playlistPath">The top rung's media playlist it writes.</param>
    /// <param name="logPath">Where its standard output and error go.</param>
    /// <exception cref="InvalidOperationException">It exited, or listed no segment within <see cref="Limit"/>; the message names its log.</exception>
    public static StartupTimes Ffmpeg(int run, IReadOnlyList<string> arguments, string playlistPath, string logPath) =>
        new("ffmpeg", run, null, null, null, Poll("ffmpeg", arguments, new Dictionary<string, string>(), logPath, _ => File.Exists(playlistPath) && File.ReadAllText(playlistPath).Contains("#EXTINF", StringComparison.Ordinal)));

    /// <summary>Starts the process and calls <paramref name="done"/> (given the seconds since the start) until it says yes; returns those seconds.</summary>
    private static double Poll(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath, Func<Func<double>, bool> done)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var log = new StreamWriter(logPath) { AutoFlush = true };
        var started = Stopwatch.GetTimestamp();
        double Elapsed() => Stopwatch.GetElapsedTime(started).TotalSeconds;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        process.OutputDataReceived += (_, e) => MeasuredProcess.WriteLine(log, e.Data);
        process.ErrorDataReceived += (_, e) => MeasuredProcess.WriteLine(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (!done(Elapsed))
            {
                if (process.HasExited || Elapsed() > Limit.TotalSeconds)
                {
                    throw new InvalidOperationException($"{program} {(process.HasExited ? $"exited with {process.ExitCode}" : $"ran {Limit.TotalSeconds} s")} without publishing a segment; see {logPath}");
                }

                Thread.Sleep(PollInterval);
            }

            return Elapsed();
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private static string? Get(HttpClient http, string path)
    {
        try
        {
            using var response = http.GetAsync(path).GetAwaiter().GetResult();
            return response.IsSuccessStatusCode ? response.Content.ReadAsStringAsync().GetAwaiter().GetResult() : null;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
