using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Ladder.Bench.Latency;

/// <summary>
/// One mode measured end to end: <c>ladder-runner run</c> on a manifest with one RTMP listen input and a two-rung
/// ladder (720p 2500k, 360p 800k, veryfast, GOP 2 s), a real-time ffmpeg pusher (<c>-re -stream_loop -1 … -c copy -f flv</c>,
/// so the source is the clip's own encode), and headless Chromium playing the runner's player page through
/// <c>play.cjs</c> for the given seconds, one sample a second. The runner's CPU seconds and peak RSS are read from
/// procfs around the playing window.
/// </summary>
internal static class LatencySession
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(90);

    /// <summary>Runs <paramref name="mode"/> and returns what the player and the runner showed.</summary>
    /// <exception cref="InvalidOperationException">A process failed or the runner did not become ready; the message names its log.</exception>
    public static LatencyResult Run(LatencyMode mode, BenchSettings settings, string workDir)
    {
        var dir = Directory.CreateDirectory(Path.Combine(workDir, mode.Name)).FullName;
        var port = FreePort();
        var http = FreePort();
        var manifest = Path.Combine(dir, "latency.yaml");
        File.WriteAllText(manifest, $$"""
            apiVersion: ladder.dev/v1alpha1
            kind: LiveStream
            metadata: { name: latency }
            spec:
              inputs:
                - { name: main, url: "rtmp://127.0.0.1:{{port}}/live/latency", mode: listen }
              failover: { inputTimeout: 5s }
              profile:
                video:
                  codec: h264
                  preset: veryfast
                  gopSeconds: 2
                  renditions:
                    - { name: 720p, width: 1280, height: 720, bitrate: 2500k }
                    - { name: 360p, width: 640, height: 360, bitrate: 800k }
                audio: { codec: aac, bitrate: 128k, channels: 2, sampleRate: 48000 }
              outputs:
                hls: {{mode.Hls}}
                dash: {{mode.Dash}}
            """);
        using var runner = Start(settings.Runner, ["run", "-f", manifest, "--http", $"127.0.0.1:{http}"], Path.Combine(dir, "runner.log"));
        var baseAddress = new Uri($"http://127.0.0.1:{http}/");
        Process? pusher = null;
        try
        {
            // The runner listens for RTMP once it serves HTTP; the pusher is started (again, should it give up) until
            // every rendition is published.
            WaitUntil(baseAddress, "healthz", runner, Path.Combine(dir, "runner.log"), () => { });
            WaitUntil(baseAddress, "readyz", runner, Path.Combine(dir, "runner.log"), () =>
            {
                if (pusher is null || pusher.HasExited)
                {
                    pusher?.Dispose();
                    pusher = Start("ffmpeg", ["-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1", "-i", settings.Input, "-c", "copy", "-f", "flv", $"rtmp://127.0.0.1:{port}/live/latency"],
                        Path.Combine(dir, "pusher.log"));
                }
            });
            Thread.Sleep(TimeSpan.FromSeconds(6)); // a few segments of window for the player to start in
            var origin = TimelineOrigin(baseAddress);
            var before = ProcessUsage.Read(runner.Id);
            var clock = Stopwatch.StartNew();
            var played = Play(settings, baseAddress, mode.PlayerMode, Path.Combine(dir, "player.log"));
            var after = ProcessUsage.Read(runner.Id);
            return LatencyResult.From(mode, played, origin, (after.CpuSeconds - before.CpuSeconds) / clock.Elapsed.TotalSeconds, after.PeakRssBytes);
        }
        finally
        {
            if (pusher is not null)
            {
                Stop(pusher);
                pusher.Dispose();
            }

            Stop(runner);
        }
    }

    private static JsonElement Play(BenchSettings settings, Uri page, string mode, string logPath)
    {
        var output = Run("node", [settings.PlayScript, settings.PlaywrightCore, settings.Chromium, page.ToString(), mode, settings.Seconds.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(90 + (2 * settings.Seconds)), logPath);
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException($"play.cjs printed no result; see {logPath}");
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    // The wall-clock time of output presentation time zero, from /v1/status (pipeline.timelineOrigin).
    private static DateTimeOffset TimelineOrigin(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using var status = JsonDocument.Parse(http.GetStringAsync("v1/status").GetAwaiter().GetResult());
        return status.RootElement.GetProperty("pipeline").GetProperty("timelineOrigin").GetDateTimeOffset();
    }

    // Polls GET path until it answers 2xx, calling tick before each look.
    private static void WaitUntil(Uri baseAddress, string path, Process runner, string logPath, Action tick)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (runner.HasExited)
            {
                throw new InvalidOperationException($"the runner exited with {runner.ExitCode}; see {logPath}");
            }

            tick();
            try
            {
                using var response = http.GetAsync(path).GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            if (clock.Elapsed > ReadyLimit)
            {
                throw new InvalidOperationException($"the runner did not answer {path} within {ReadyLimit.TotalSeconds} s; see {logPath}");
            }

            Thread.Sleep(250);
        }
    }

    private static Process Start(string program, IReadOnlyList<string> arguments, string logPath)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_gcServer"] = "0"; // as pipeline-runner/Dockerfile sets it
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => log.Dispose();
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string Run(string program, IReadOnlyList<string> arguments, TimeSpan limit, string logPath)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        File.WriteAllText(logPath, output.Result + error.Result);
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"{program} exited with {process.ExitCode}; see {logPath}");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
