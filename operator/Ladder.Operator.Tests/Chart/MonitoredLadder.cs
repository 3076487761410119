using System.Text.RegularExpressions;
using Ladder.Operator.Tests.Support;
using Ladder.Runner.Tests.Support;

namespace Ladder.Operator.Tests.Chart;

/// <summary>
/// What a cluster's Prometheus would scrape, started once for a test class: the operator's real host (in-process, on a
/// fake API server holding one LiveStream), a real <c>ladder-runner</c> (the build of pipeline-runner/Ladder.Runner, in
/// its own process) encoding a looped Big Buck Bunny clip into a 180p/90p ladder with HLS and an RTMP push target that
/// refuses connections (so the push series exist, backing off), and a real Prometheus scraping both every second.
/// </summary>
public sealed partial class MonitoredLadder : IAsyncLifetime
{
    private string? _dir;
    private ExternalProcess? _runnerProcess;

    internal InProcessOperator Operator { get; private set; } = null!;

    /// <summary>The runner's base address (<c>/metrics</c>, <c>/v1/status</c>).</summary>
    internal HttpClient Runner { get; private set; } = null!;

    internal PrometheusServer Prometheus { get; private set; } = null!;

    /// <summary>When the stack was up: the tests' deadlines count from here.</summary>
    internal DateTime StartedAt { get; private set; }

    /// <summary>The runner's output, for failure messages.</summary>
    internal string RunnerOutput => _runnerProcess?.Output ?? "";

    public async Task InitializeAsync()
    {
        Operator = await InProcessOperator.StartAsync();
        await Operator.Objects.Secrets.CreateAsync(TestObjects.Namespace, TestObjects.IngestSecret());
        await Operator.Objects.Profiles.CreateAsync(TestObjects.Namespace, TestObjects.Profile());
        await Operator.Objects.Streams.CreateAsync(TestObjects.Namespace, TestObjects.Stream());

        _dir = Directory.CreateTempSubdirectory("ladder-prometheus-runner-").FullName;
        var manifest = Path.Combine(_dir, "monitored.yaml");
        var clip = Path.Combine(RepoPaths.Root, "..", "shared", "media", "bbb-720p24-h264-aac-30s.mp4");
        await File.WriteAllTextAsync(manifest, $$"""
            apiVersion: v1
            kind: Secret
            metadata: { name: push-key }
            stringData: { streamKey: monitored }
            ---
            apiVersion: ladder.dev/v1alpha1
            kind: LiveStream
            metadata: { name: monitored }
            spec:
              inputs:
                - { name: main, url: "file://{{clip}}", options: { stream_loop: "-1" } }
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
                hls: { segmentDuration: 1s, window: 5 }
                push:
                  - { name: refused, url: "rtmp://127.0.0.1:{{FreePort.Next()}}/live", rendition: 90p, streamKey: { secretKeyRef: { name: push-key, key: streamKey } } }
            """);
        _runnerProcess = ExternalProcess.Start("dotnet", RunnerDll(), "run", "-f", manifest, "--http", "127.0.0.1:0");
        var runner = new Uri((await _runnerProcess.WaitForOutputAsync(PlayerPage(), TimeSpan.FromSeconds(60))).Groups[1].Value);
        Runner = new HttpClient { BaseAddress = runner, Timeout = TimeSpan.FromSeconds(10) };
        Prometheus = await PrometheusServer.StartAsync(("runner", runner.Authority, "/metrics"), ("operator", Operator.Metrics.Authority, Operator.Metrics.AbsolutePath));
        StartedAt = DateTime.UtcNow;
    }

    public async Task DisposeAsync()
    {
        Prometheus?.Dispose();
        Runner?.Dispose();
        _runnerProcess?.Dispose();
        if (_dir is not null)
        {
            Directory.Delete(_dir, recursive: true);
        }

        if (Operator is not null)
        {
            await Operator.DisposeAsync();
        }
    }

    // The runner this solution built, in the same configuration as this test assembly (bin/<Configuration>/net10.0/).
    private static string RunnerDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(RepoPaths.Root, "pipeline-runner", "Ladder.Runner", "bin", configuration, "net10.0", "ladder-runner.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build pipeline-runner/Ladder.Runner ({configuration}) first: {dll} is missing", dll);
    }

    [GeneratedRegex(@"Player page: (http://127\.0\.0\.1:\d+)/")]
    private static partial Regex PlayerPage();
}
