using System.Net;
using System.Text.Json;
using Ladder.Api.Manifests;
using Ladder.LibAv;
using Ladder.Pipeline.Packaging;
using Ladder.Runner.Pipeline;
using Ladder.Runner.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ladder.Runner.Tests.Status;

public sealed class StatusEndpointsTests
{
    private const string Playlist = "application/vnd.apple.mpegurl";

    [Fact]
    public async Task Status_Should_ShowARenditionDegraded_When_ThePackagerLeftItOutForFallingBehind()
    {
        await using var runner = await InProcessRunner.StartAsync();
        runner.Runtime.Packager = new PackagerStatus(
            [new TrackStatus("360p", MediaType.Video, 1, 9, 90_000, 9, 2, 0, 0, 0, false), new TrackStatus("270p", MediaType.Video, 1, 5, 50_000, 5, 2, 0, 0, 0, false) { Degraded = true }], 0, 0);

        using var doc = JsonDocument.Parse(await runner.Http.GetStringAsync("/v1/status"));

        var degraded = doc.RootElement.GetProperty("renditions").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("degraded").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["360p"] = false, ["270p"] = true, ["180p"] = false }, degraded);
    }

    [Fact]
    public async Task Status_Should_ReportStreamRenditionsAndPipeline_When_Running()
    {
        await using var runner = await InProcessRunner.StartAsync();

        using var doc = JsonDocument.Parse(await runner.Http.GetStringAsync("/v1/status"));
        var root = doc.RootElement;

        Assert.Equal("running", root.GetProperty("phase").GetString());
        Assert.False(root.TryGetProperty("state", out _), "phase says it");
        Assert.False(root.TryGetProperty("generation", out _), "pipelineGeneration says it");
        Assert.Equal("default/demo", root.GetProperty("stream").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("lastError").ValueKind);
        Assert.False(root.GetProperty("ready").GetBoolean());
        Assert.Equal(["360p", "270p", "180p"], root.GetProperty("renditions").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal("/hls/360p/playlist.m3u8", root.GetProperty("renditions")[0].GetProperty("playlist").GetString());
        Assert.Equal("/hls/master.m3u8", root.GetProperty("endpoints").GetProperty("hls").GetString());
        Assert.Equal("/dash/manifest.mpd", root.GetProperty("endpoints").GetProperty("dash").GetString());
        Assert.Equal(["push"], root.GetProperty("outputs").EnumerateObject().Select(p => p.Name));
        Assert.Equal("listen", root.GetProperty("inputs")[0].GetProperty("mode").GetString());
        Assert.Equal("local", root.GetProperty("pipeline").GetProperty("activeInput").GetString());
    }

    [Fact]
    public async Task Status_Should_MaskStreamKeys()
    {
        const string manifest = """
            apiVersion: v1
            kind: Secret
            metadata: { name: keys }
            stringData: { key: super-secret-key-123 }
            ---
            apiVersion: ladder.dev/v1alpha1
            kind: LiveStream
            metadata: { name: keyed }
            spec:
              inputs:
                - name: main
                  url: rtmp://127.0.0.1:1935/live
                  streamKey: { secretKeyRef: { name: keys, key: key } }
              profile:
                video:
                  codec: h264
                  gopSeconds: 1
                  renditions: [{ name: 180p, width: 320, height: 180, bitrate: 300k }]
                audio: { codec: aac, bitrate: 64k }
              outputs: { hls: { segmentDuration: 2s } }
            """;
        var spec = ManifestReader.Read(manifest, "keyed.yaml").Resolve();
        await using var runner = await InProcessRunner.StartAsync(spec);

        var body = await runner.Http.GetStringAsync("/v1/status");

        Assert.DoesNotContain("super-secret-key-123", body, StringComparison.Ordinal);
        Assert.Contains("rtmp://127.0.0.1:1935/live/****", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_Should_Answer503UntilEveryRenditionPublishedASegment()
    {
        await using var runner = await InProcessRunner.StartAsync();
        var content = runner.Runtime.Content;
        content.Publish("hls/360p/playlist.m3u8", "#EXTM3U\n#EXTINF:2.000,\n0.m4s\n", Playlist, TimeSpan.FromSeconds(1));
        content.Publish("hls/270p/playlist.m3u8", "#EXTM3U\n#EXTINF:2.000,\n0.m4s\n", Playlist, TimeSpan.FromSeconds(1));
        content.Publish("hls/180p/playlist.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:2\n", Playlist, TimeSpan.FromSeconds(1));

        using var before = await runner.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Contains("180p", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        content.Publish("hls/180p/playlist.m3u8", "#EXTM3U\n#EXTINF:2.000,\n0.m4s\n", Playlist, TimeSpan.FromSeconds(1));
        using var after = await runner.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        using var status = JsonDocument.Parse(await runner.Http.GetStringAsync("/v1/status"));
        Assert.True(status.RootElement.GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task Healthz_Should_Answer200_While_NotReady()
    {
        await using var runner = await InProcessRunner.StartAsync();

        using var response = await runner.Http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_Should_ExposeThisRunnersSeriesOnly_WithProcessRuntimeAndHttpFamilies_When_TwoRunnersShareAProcess()
    {
        await using var runner = await InProcessRunner.StartAsync();
        await using var other = await InProcessRunner.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await runner.Http.GetAsync("/hls/missing.m3u8")).StatusCode);

        using var response = await runner.Http.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\nladder_pipeline_fake_packets_total 42\n", body, StringComparison.Ordinal); // not 84: the other runner's count stays in its own registry
        Assert.Contains("\nprocess_cpu_seconds_total ", body, StringComparison.Ordinal);
        Assert.Contains("\ndotnet_total_memory_bytes ", body, StringComparison.Ordinal);
        Assert.Contains("http_requests_received_total{code=\"404\",method=\"GET\"", body, StringComparison.Ordinal);
        Assert.Contains("endpoint=\"/hls/{**path}\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Should_ReportFailedAndStopHost_When_PipelineCannotStart()
    {
        await using var runner = await InProcessRunner.StartAsync(startError: new InvalidOperationException("encoder h264_nvenc is not available: no NVIDIA GPU"));
        var lifetime = runner.Services.GetRequiredService<IHostApplicationLifetime>();
        var lifecycle = runner.Services.GetRequiredService<RunnerLifecycle>();

        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.Equal(RunnerState.Failed, lifecycle.State);
        Assert.Equal("encoder h264_nvenc is not available: no NVIDIA GPU", lifecycle.LastError);
    }

    [Fact]
    public async Task Stop_Should_StopThePipeline()
    {
        var runner = await InProcessRunner.StartAsync();
        var runtime = runner.Runtime;
        var lifecycle = runner.Services.GetRequiredService<RunnerLifecycle>();

        await runner.DisposeAsync();

        Assert.True(runtime.Stopped);
        Assert.Equal(RunnerState.Stopped, lifecycle.State);
    }
}
