using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.Push;

/// <summary>
/// The built <c>ladder-runner</c> with the tiny ladder (320x180 and 160x90, GOP 1 s, 2 s segments, HLS window 3) on an
/// RTMP listen input fed by ffmpeg (<c>-re</c>, the real clip in a loop), pushing to one target given as a LiveStream
/// <c>outputs.push[0]</c> entry whose stream key and SRT passphrase come from the Secret <c>push-key</c>; everything killed on dispose.
/// </summary>
internal sealed partial class PushRunner : IAsyncDisposable
{
    /// <summary>The SRT passphrase stored in the Secret <c>push-key</c> (key <c>passphrase</c>).</summary>
    public const string Passphrase = "e2e-passphrase-0815";

    private readonly string _dir;

    private PushRunner(ExternalProcess process, ExternalProcess pusher, string dir, Uri baseAddress)
    {
        Process = process;
        Pusher = pusher;
        _dir = dir;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public ExternalProcess Process { get; }

    public ExternalProcess Pusher { get; }

    public HttpClient Http { get; }

    /// <summary>Starts the runner and the pusher; returns once every track has published a segment.</summary>
    /// <param name="push">The push target (YAML flow mapping); <c>secretKeyRef: { name: push-key, key: streamKey }</c> resolves to <paramref name="key"/>.</param>
    /// <param name="key">The stream key stored in the Secret.</param>
    public static async Task<PushRunner> StartAsync(string push, string key)
    {
        var dir = Directory.CreateTempSubdirectory("ladder-push-e2e-").FullName;
        var input = $"rtmp://127.0.0.1:{FreePort.Tcp()}/live/e2e";
        var manifest = Path.Combine(dir, "push.yaml");
        await File.WriteAllTextAsync(manifest, $$"""
            apiVersion: v1
            kind: Secret
            metadata: { name: push-key }
            stringData: { streamKey: "{{key}}", passphrase: "{{Passphrase}}" }
            ---
            apiVersion: ladder.dev/v1alpha1
            kind: LiveStream
            metadata: { name: e2e }
            spec:
              inputs:
                - { name: main, url: "{{input}}", mode: listen }
              failover: { inputTimeout: 2s }
              profile:
                video:
                  codec: h264
                  preset: veryfast
                  gopSeconds: 1
                  renditions:
                    - { name: 180p, width: 320, height: 180, bitrate: 300k }
                    - { name: 90p, width: 160, height: 90, bitrate: 120k }
                audio: { codec: aac, bitrate: 64k, channels: 2, sampleRate: 48000 }
              outputs:
                hls: { segmentDuration: 2s, window: 3 }
                push:
                  - {{push}}
            """);
        var process = ExternalProcess.Start("dotnet", Path.Combine(AppContext.BaseDirectory, "ladder-runner.dll"), "run", "-f", manifest, "--http", "127.0.0.1:0");
        ExternalProcess? pusher = null;
        try
        {
            var match = await process.WaitForOutputAsync(RunnerProcess.PlayerPage(), TimeSpan.FromSeconds(30));
            pusher = Support.Pusher.Rtmp(input, seconds: null);
            var runner = new PushRunner(process, pusher, dir, new Uri(match.Groups[1].Value));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (await runner.NextSegmentAsync() < 1)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"no HLS segment within 60 s:\n{process.Output}\npusher:\n{pusher.Output}");
                }
                await Task.Delay(250);
            }
            return runner;
        }
        catch
        {
            pusher?.Dispose();
            process.Dispose();
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    /// <summary>The raw <c>/v1/status</c> body.</summary>
    public Task<string> StatusTextAsync() => Http.GetStringAsync("/v1/status");

    /// <summary>The first push target's entry of <c>/v1/status</c>.</summary>
    public async Task<JsonElement> TargetAsync()
    {
        using var doc = JsonDocument.Parse(await StatusTextAsync());
        return doc.RootElement.GetProperty("outputs").GetProperty("push")[0].Clone();
    }

    /// <summary>Polls the push target until <paramref name="state"/>; fails with the status and logs when it never comes.</summary>
    public async Task<JsonElement> WaitForTargetStateAsync(string state, TimeSpan timeout, Func<string>? peerLog = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement target;
        do
        {
            target = await TargetAsync();
            if (target.GetProperty("state").GetString() == state)
            {
                return target;
            }
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"the push target never became {state} within {timeout.TotalSeconds} s; last: {target.GetRawText()}\nrunner log:\n{Process.Output}\npeer log:\n{peerLog?.Invoke()}");
    }

    /// <summary>The number of the next HLS segment of 180p: media sequence plus segments listed (0 before the playlist exists).</summary>
    public async Task<long> NextSegmentAsync()
    {
        using var response = await Http.GetAsync("/hls/180p/playlist.m3u8");
        if (!response.IsSuccessStatusCode)
        {
            return 0;
        }
        var playlist = await response.Content.ReadAsStringAsync();
        var sequence = MediaSequence().Match(playlist) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return sequence + Regex.Count(playlist, "#EXTINF:");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Pusher.Dispose();
        await RunnerProcess.ShutDownAsync(Process, _dir);
    }

    [GeneratedRegex(@"#EXT-X-MEDIA-SEQUENCE:(\d+)")]
    private static partial Regex MediaSequence();
}
