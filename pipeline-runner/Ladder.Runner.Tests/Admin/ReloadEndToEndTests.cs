using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.Runner;
using Ladder.Runner.Cli;
using Ladder.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Ladder.Runner.Tests.Admin;

/// <summary>
/// The built <c>ladder-runner run --spec pipeline.json</c> with <c>LADDER_ADMIN_TOKEN</c>, reading the 720p clip in a
/// loop in real time into 180p and 90p (GOP 1 s, 2 s HLS segments): reloads through <c>PUT /v1/pipeline</c> and
/// through the spec file, checked on the real playlists.
/// </summary>
public sealed partial class ReloadEndToEndTests(ITestOutputHelper output)
{
    private const string Token = "e2e-admin-token";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Reload_Should_RestartOnlyTheChangedEncoder_AddARendition_RefuseAnInvalidSpec_AndRestartAllOnlyForATopologyChange()
    {
        var dir = Directory.CreateTempSubdirectory("ladder-reload-e2e-").FullName;
        var specFile = Path.Combine(dir, "pipeline.json");
        var spec = InitialSpec(dir);
        await File.WriteAllTextAsync(specFile, spec.ToJson());
        using var process = ExternalProcess.Start(
            new Dictionary<string, string> { [RunnerAdminApi.TokenEnvironmentVariable] = Token },
            "dotnet", Path.Combine(AppContext.BaseDirectory, "ladder-runner.dll"), "run", "--spec", specFile, "--http", "127.0.0.1:0");
        try
        {
            var match = await process.WaitForOutputAsync(PlayerPage(), TimeSpan.FromSeconds(30));
            using var http = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(RunnerAdminApi.AuthorizationScheme, Token);
            await WaitAsync(async () => Segments(await Playlist(http, "90p")).Count >= 2 && Segments(await Playlist(http, "180p")).Count >= 2, "first segments", process);
            var before90 = await Playlist(http, "90p");

            // 1. One rendition's bitrate: only that encoder restarts, on a segment boundary.
            var bitrate = spec with { Generation = 2, Video = spec.Video with { Renditions = spec.Video.Renditions.Select(r => r.Name == "180p" ? r with { Bitrate = 250_000 } : r).ToValueList() } };
            var clock = Stopwatch.StartNew();
            using (var put = await Put(http, bitrate))
            {
                Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
                var plan = JsonSerializer.Deserialize<ReloadPlan>(await put.Content.ReadAsStringAsync(), RunnerJson.Options)!;
                Assert.Equal(["encode/180p"], plan.Restarted);
                Assert.Empty(plan.Started);
                Assert.Empty(plan.Stopped);
            }

            await WaitAsync(async () => (await Playlist(http, "180p")).Contains("init-2.mp4", StringComparison.Ordinal), "a 180p segment from the new encoder", process);
            var latency = clock.Elapsed;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reload apply latency (PUT -> first 180p segment of the new encoder listed): {latency.TotalMilliseconds:0} ms"));
            await WaitAsync(async () => Segments(await Playlist(http, "90p")).Count > Segments(before90).Count + 1, "more 90p segments", process);
            var after90 = await Playlist(http, "90p");
            AssertContinues(before90, after90);

            // 2. A rendition added through the spec file on disk: it joins the master playlist; the others continue.
            var added = bitrate with { Generation = 3, Video = bitrate.Video with { Renditions = bitrate.Video.Renditions.Append(new PipelineRendition("72p") { Width = 128, Height = 72, Bitrate = 80_000, MaxBitrate = 100_000, BufferSize = 160_000, Profile = bitrate.Video.Renditions[1].Profile, Level = bitrate.Video.Renditions[1].Level }).ToValueList() } };
            await File.WriteAllTextAsync(specFile, added.ToJson());
            await WaitAsync(async () => (await http.GetStringAsync("/hls/master.m3u8")).Contains("72p/playlist.m3u8", StringComparison.Ordinal), "72p in the master playlist", process);
            using (var doc = JsonDocument.Parse(await http.GetStringAsync(RunnerAdminApi.StatusPath)))
            {
                Assert.Equal(3, doc.RootElement.GetProperty("pipelineGeneration").GetInt64());
                Assert.Equal(["encode/72p"], doc.RootElement.GetProperty("lastReload").GetProperty("started").EnumerateArray().Select(e => e.GetString()));
            }

            // 3. An invalid spec: 422 naming the field; nothing changes.
            var invalid = added with { Generation = 4, Video = added.Video with { GopSeconds = 0 } };
            using (var refused = await Put(http, invalid))
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
                Assert.Contains("gopSeconds", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            using (var doc = JsonDocument.Parse(await http.GetStringAsync(RunnerAdminApi.StatusPath)))
            {
                Assert.Equal(3, doc.RootElement.GetProperty("pipelineGeneration").GetInt64());
            }

            var last90 = await Playlist(http, "90p");
            await WaitAsync(async () => Segments(await Playlist(http, "90p")).Count > Segments(last90).Count || MediaSequence(await Playlist(http, "90p")) > MediaSequence(last90), "90p after the refused spec", process);
            AssertContinues(before90, await Playlist(http, "90p"));

            // 4. A topology change (the GOP): the whole pipeline restarts with the new spec, and the plan says so.
            var gop = added with { Generation = 5, Video = added.Video with { GopSeconds = 2 }, Outputs = added.Outputs with { Hls = added.Outputs.Hls with { SegmentDuration = Duration.FromSeconds(2) } } };
            using (var restarted = await Put(http, gop))
            {
                Assert.True(restarted.StatusCode == HttpStatusCode.OK, await restarted.Content.ReadAsStringAsync());
                var plan = JsonSerializer.Deserialize<ReloadPlan>(await restarted.Content.ReadAsStringAsync(), RunnerJson.Options)!;
                Assert.Contains("encode/90p", plan.Restarted);
                Assert.Contains("decode/video", plan.Restarted);
                Assert.Empty(plan.Kept);
            }

            await WaitAsync(async () => Segments(await Playlist(http, "90p")).Count >= 1 && Segments(await Playlist(http, "72p")).Count >= 1, "segments after the full restart", process);
            using (var doc = JsonDocument.Parse(await http.GetStringAsync(RunnerAdminApi.StatusPath)))
            {
                Assert.Equal(5, doc.RootElement.GetProperty("pipelineGeneration").GetInt64());
                Assert.Equal("running", doc.RootElement.GetProperty("phase").GetString());
            }
        }
        finally
        {
            await RunnerProcess.ShutDownAsync(process, dir);
        }
    }

    private static PipelineSpec InitialSpec(string dir)
    {
        var manifest = Path.Combine(dir, "reload.yaml");
        File.WriteAllText(manifest, $$"""
            apiVersion: ladder.dev/v1alpha1
            kind: LiveStream
            metadata: { name: reload }
            spec:
              inputs:
                - { name: main, url: "file://{{Path.Combine(RepoPaths.Media, "bbb-720p24-h264-aac-30s.mp4")}}", options: { stream_loop: "-1" } }
              profile:
                video:
                  codec: h264
                  preset: ultrafast
                  gopSeconds: 1
                  renditions:
                    - { name: 180p, width: 320, height: 180, bitrate: 300k }
                    - { name: 90p, width: 160, height: 90, bitrate: 120k }
                audio: { codec: aac, bitrate: 64k, channels: 2, sampleRate: 48000 }
              outputs:
                hls: { segmentDuration: 2s, window: 30 }
            """);
        return PipelineSpecLoader.FromManifest(manifest, null) with { Generation = 1 };
    }

    private static async Task<HttpResponseMessage> Put(HttpClient http, PipelineSpec spec) =>
        await http.PutAsync(RunnerAdminApi.PipelinePath, new StringContent(spec.ToJson(), Encoding.UTF8, "application/json"));

    private static async Task<string> Playlist(HttpClient http, string rendition)
    {
        using var response = await http.GetAsync($"/hls/{rendition}/playlist.m3u8");
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "";
    }

    private static List<string> Segments(string playlist) => [.. playlist.Split('\n').Where(l => l.EndsWith(".m4s", StringComparison.Ordinal))];

    private static long MediaSequence(string playlist) =>
        MediaSequenceTag().Match(playlist) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    /// <summary>The later playlist continues the earlier: sequence numbers keep counting and no discontinuity was added.</summary>
    private static void AssertContinues(string before, string after)
    {
        Assert.False(after.Split('\n').Any(l => l.Trim() == "#EXT-X-DISCONTINUITY"), $"a discontinuity in:\n{after}\nbefore:\n{before}");
        Assert.Contains("#EXT-X-DISCONTINUITY-SEQUENCE:0", after, StringComparison.Ordinal);
        Assert.True(MediaSequence(after) >= MediaSequence(before));
        var numbers = Segments(after).Select(s => long.Parse(s[..^4], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, numbers.Count).Select(i => numbers[0] + i), numbers);
        Assert.Equal(MediaSequence(after), numbers[0]);
        Assert.Contains(Segments(before)[^1], Segments(after));
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, ExternalProcess process)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no {what} within {Timeout.TotalSeconds} s; runner log:\n{process.Output}");
            }

            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"Player page: (http://[^/\s]+)/")]
    private static partial Regex PlayerPage();

    [GeneratedRegex(@"#EXT-X-MEDIA-SEQUENCE:(\d+)")]
    private static partial Regex MediaSequenceTag();
}
