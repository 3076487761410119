using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;
using Ladder.Runner.Cli;
using Ladder.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Ladder.Runner.Tests.Admin;

/// <summary>
/// The built <c>ladder-runner run --spec pipeline.json</c> with <c>LADDER_ADMIN_TOKEN</c>, reading the 720p clip in a
/// loop in real time into 180p and 90p (GOP 1 s, 2 s HLS fMP4 segments), taken through every kind of live change, one
/// after another on the same runner, through <c>PUT /v1/pipeline</c> and through the spec file, while a
/// <see cref="PlayerWatch"/> plays the HLS output as a player would.
/// </summary>
[Collection(nameof(ReloadEndToEndTests))]
public sealed partial class ReloadEndToEndTests(ITestOutputHelper output)
{
    private const string Token = "e2e-admin-token";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    /// <summary>The longest a player may wait for the next 2 s segment of a track during a change (polling and load included).</summary>
    private static readonly TimeSpan MaxSegmentWait = TimeSpan.FromSeconds(3.5);

    [Fact]
    public async Task Reload_Should_ShowAPlayerOnlyTheChangedTracksDiscontinuities_When_EveryKindOfChangeIsAppliedLive()
    {
        var dir = Directory.CreateTempSubdirectory("ladder-reload-e2e-").FullName;
        var specFile = Path.Combine(dir, "pipeline.json");
        var spec = InitialSpec(dir);
        await File.WriteAllTextAsync(specFile, spec.ToJson());
        using var process = ExternalProcess.Start(
            new Dictionary<string, string> { [RunnerAdminApi.TokenEnvironmentVariable] = Token },
            "dotnet", Path.Combine(AppContext.BaseDirectory, "ladder-runner.dll"), "run", "--spec", specFile, "--http", "127.0.0.1:0");
        ExternalProcess? sender = null;
        try
        {
            var match = await process.WaitForOutputAsync(PlayerPage(), TimeSpan.FromSeconds(30));
            using var http = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(RunnerAdminApi.AuthorizationScheme, Token);
            await using var player = new PlayerWatch(http);
            var run = new Reloads(http, player, process, output);
            await player.WaitForAsync(new Dictionary<string, long> { ["180p"] = 0, ["90p"] = 0, ["audio"] = 0 }, Timeout, () => process.Output);

            // Each change: the plan, the stage instances that changed, and which tracks a player sees a discontinuity on.
            spec = await run.PutAsync("rendition bitrate", WithRendition(spec, "180p", r => r with { Bitrate = 250_000 }), restarted: ["encode/180p"], discontinuous: ["180p"]);
            spec = await run.FileAsync("rendition added (spec file)", specFile, spec with { Video = spec.Video with { Renditions = spec.Video.Renditions.Append(Rendition("72p", 128, 72, spec)).ToValueList() } }, started: ["encode/72p"], updated: ["package/hls"]);
            spec = await run.PutAsync("audio codec aac to opus", spec with { Audio = spec.Audio with { Codec = AudioCodec.Opus, Encoder = "libopus" } }, restarted: ["audio"], discontinuous: ["audio"]);
            Assert.Equal("init-2.mp4", player.InitUri("audio"));
            spec = await run.PutAsync("dash on", spec with { Outputs = spec.Outputs with { Dash = spec.Outputs.Dash with { Enabled = true } } }, started: ["package/dash"]);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/dash/manifest.mpd")).StatusCode);
            spec = await run.PutAsync("dash off", spec with { Outputs = spec.Outputs with { Dash = spec.Outputs.Dash with { Enabled = false } } }, stopped: ["package/dash"]);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/dash/manifest.mpd")).StatusCode);
            var main = spec.Inputs[0];
            spec = await run.PutAsync("the only input's options", spec with { Inputs = ValueList.Of(main with { Options = new ValueMap([.. main.Options, KeyValuePair.Create("probesize", "5000000")]) }) }, restarted: ["ingest/main"]);
            spec = await run.PutAsync("backup input added", spec with { Inputs = spec.Inputs.Append(spec.Inputs[0] with { Name = "backup" }).ToValueList() }, started: ["ingest/backup"]);
            spec = await run.PutAsync("inputs reordered", spec with { Inputs = ValueList.Of(spec.Inputs[1], spec.Inputs[0]) }, updated: ["ingest"]);
            spec = await run.PutAsync("backup input removed", spec with { Inputs = ValueList.Of(spec.Inputs[1]) }, stopped: ["ingest/backup"]);
            (spec, sender) = await ChangeToLateSenderAsync(run, http, process, spec);
            spec = await run.PutAsync("gop 1 s to 2 s", spec with { Video = spec.Video with { GopSeconds = 2 } }, restarted: ["encode/180p", "encode/90p", "encode/72p"], discontinuous: ["180p", "90p", "72p"]);
            spec = await run.PutAsync("the same spec again", spec, segments: 1);

            await run.RefusedAsync(spec with { Outputs = spec.Outputs with { Hls = spec.Outputs.Hls with { SegmentDuration = Duration.FromSeconds(4) } } }, "spec.outputs.hls.segmentDuration");
            await run.RefusedAsync(spec with { Video = spec.Video with { GopSeconds = 0 } }, "gopSeconds");

            await player.CheckInitsAsync();
            Assert.True(player.Problems.Count == 0, $"a player saw:\n{string.Join("\n", player.Problems)}\nplaylists:\n{string.Join("\n", player.Tracks.Select(player.Playlist))}\nrunner log:\n{process.Output}");
        }
        finally
        {
            await RunnerProcess.ShutDownAsync(process, dir);
            sender?.Dispose();
        }
    }

    /// <summary>
    /// Changes the only input's URL to an SRT listener whose sender (ffmpeg, the clip in real time) starts 3.5 s after
    /// the PUT: the encoders repeat the last picture and silence meanwhile, so a player keeps getting a segment every
    /// 2 s on every track (a stalled output made it wait 5.2 s), and the new input then feeds them. Returns the new
    /// spec and the sender.
    /// </summary>
    private static async Task<(PipelineSpec Spec, ExternalProcess Sender)> ChangeToLateSenderAsync(Reloads run, HttpClient http, ExternalProcess process, PipelineSpec spec)
    {
        var port = FreePort.Udp();
        var sender = Task.Delay(TimeSpan.FromSeconds(3.5)).ContinueWith(_ => Pusher.MpegTs($"srt://127.0.0.1:{port}?mode=caller&latency=200000", seconds: null), TaskScheduler.Default);
        var live = new PipelineInput("main", InputProtocol.Srt, InputMode.Listen, $"srt://127.0.0.1:{port}", new ValueMap([KeyValuePair.Create("mode", "listener"), KeyValuePair.Create("latency", "200000")]));
        try
        {
            spec = await run.PutAsync("the only input's URL, to a sender that starts 3.5 s later", spec with { Inputs = ValueList.Of(live) }, restarted: ["ingest/main"], segments: 5);
        }
        catch
        {
            (await sender).Dispose();
            throw;
        }

        using var status = JsonDocument.Parse(await http.GetStringAsync(RunnerAdminApi.StatusPath));
        var input = status.RootElement.GetProperty("inputs").EnumerateArray().Single();
        Assert.True(input.GetProperty("active").GetBoolean() && input.GetProperty("healthy").GetBoolean(), $"the late sender never fed the pipeline: {input}; runner log:\n{process.Output}");
        return (spec, await sender);
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
              failover: { inputTimeout: 2s, failbackDelay: 2s }
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

    private static PipelineSpec WithRendition(PipelineSpec spec, string name, Func<PipelineRendition, PipelineRendition> edit) =>
        spec with { Video = spec.Video with { Renditions = spec.Video.Renditions.Select(r => r.Name == name ? edit(r) : r).ToValueList() } };

    private static PipelineRendition Rendition(string name, int width, int height, PipelineSpec spec) =>
        new(name) { Width = width, Height = height, Bitrate = 80_000, MaxBitrate = 100_000, BufferSize = 160_000, Profile = spec.Video.Renditions[1].Profile, Level = spec.Video.Renditions[1].Level };

    [GeneratedRegex(@"Player page: (http://[^/\s]+)/")]
    private static partial Regex PlayerPage();

    /// <summary>Applies changes to the running runner and checks each one from the player's side.</summary>
    private sealed class Reloads(HttpClient http, PlayerWatch player, ExternalProcess process, ITestOutputHelper output)
    {
        private long _generation = 1;

        /// <summary>
        /// PUTs <paramref name="next"/> (the next generation) and checks: the plan lists exactly the stages given;
        /// the stage instances that changed in <c>/v1/status</c> are exactly the plan's started, stopped and restarted
        /// pipeline stages; after <paramref name="segments"/> more segments on every track (3 when an encoder
        /// restarts: its first segment comes on the boundary after next), exactly the tracks in
        /// <paramref name="discontinuous"/> gained an <c>EXT-X-DISCONTINUITY</c>, and no track waited longer than
        /// <see cref="MaxSegmentWait"/> for its next segment.
        /// </summary>
        public async Task<PipelineSpec> PutAsync(
            string change, PipelineSpec next, string[]? started = null, string[]? stopped = null, string[]? restarted = null, string[]? updated = null,
            string[]? discontinuous = null, int segments = 0) =>
            await ApplyAsync(change, next, started, stopped, restarted, updated, discontinuous, segments, async spec =>
            {
                using var put = await http.PutAsync(RunnerAdminApi.PipelinePath, new StringContent(spec.ToJson(), Encoding.UTF8, "application/json"));
                var body = await put.Content.ReadAsStringAsync();
                Assert.True(put.StatusCode == HttpStatusCode.OK, $"{change}: {(int)put.StatusCode} {body}");
                return JsonSerializer.Deserialize<ReloadPlan>(body, RunnerJson.Options)!;
            });

        /// <summary>As <see cref="PutAsync"/>, through the spec file the runner watches; the plan is read from <c>/v1/status</c>.</summary>
        public async Task<PipelineSpec> FileAsync(string change, string file, PipelineSpec next, string[]? started = null, string[]? updated = null) =>
            await ApplyAsync(change, next, started, null, null, updated, null, 0, async spec =>
            {
                await File.WriteAllTextAsync(file, spec.ToJson());
                var deadline = DateTime.UtcNow + Timeout;
                while (true)
                {
                    using var doc = JsonDocument.Parse(await http.GetStringAsync(RunnerAdminApi.StatusPath));
                    if (doc.RootElement.GetProperty("pipelineGeneration").GetInt64() == spec.Generation)
                    {
                        return doc.RootElement.GetProperty("lastReload").Deserialize<ReloadPlan>(RunnerJson.Options)!;
                    }

                    Assert.True(DateTime.UtcNow < deadline, $"{change}: the runner never took generation {spec.Generation} from the spec file:\n{process.Output}");
                    await Task.Delay(100);
                }
            });

        /// <summary>PUTs <paramref name="next"/> and expects 422 naming <paramref name="field"/>, with the running generation unchanged.</summary>
        public async Task RefusedAsync(PipelineSpec next, string field)
        {
            using var put = await http.PutAsync(RunnerAdminApi.PipelinePath, new StringContent((next with { Generation = _generation + 1 }).ToJson(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, put.StatusCode);
            Assert.Contains(field, await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(await http.GetStringAsync(RunnerAdminApi.StatusPath));
            Assert.Equal(_generation, doc.RootElement.GetProperty("pipelineGeneration").GetInt64());
        }

        private async Task<PipelineSpec> ApplyAsync(
            string change, PipelineSpec next, string[]? started, string[]? stopped, string[]? restarted, string[]? updated, string[]? discontinuous, int segments,
            Func<PipelineSpec, Task<ReloadPlan>> apply)
        {
            next = next with { Generation = ++_generation };
            var before = await InstancesAsync();
            var tracks = player.Tracks;
            var discontinuities = tracks.ToDictionary(t => t, player.Discontinuities);
            var sequences = tracks.ToDictionary(t => t, player.LastSequence);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var since = DateTime.UtcNow;

            var plan = await apply(next);

            Assert.Equal(Lists(started, stopped, restarted, updated), Lists(plan.Started, plan.Stopped, plan.Restarted, plan.Updated));
            var after = await InstancesAsync();
            var changed = before.Keys.Union(after.Keys).Where(id => before.GetValueOrDefault(id) != after.GetValueOrDefault(id)).Order(StringComparer.Ordinal);
            var planned = plan.Started.Concat(plan.Stopped).Concat(plan.Restarted).Where(s => !s.StartsWith("package/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
            Assert.Equal(planned, changed);

            var wait = segments > 0 ? segments : plan.Restarted.Any(s => s.StartsWith("encode/", StringComparison.Ordinal) || s == "audio") ? 3 : 2;
            var waitFor = sequences.ToDictionary(s => s.Key, s => s.Value + wait);
            foreach (var rendition in plan.Started.Where(s => s.StartsWith("encode/", StringComparison.Ordinal)))
            {
                waitFor[rendition["encode/".Length..]] = 0;
            }

            await player.WaitForAsync(waitFor, Timeout, () => process.Output);
            var longest = sequences.Keys.Max(t => player.LongestWait(t, since));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{change}: {plan.Describe()}; {wait} more segments on every track after {clock.Elapsed.TotalSeconds:0.0} s; longest wait for a segment on a track seen before {longest.TotalSeconds:0.00} s"));
            Assert.True(longest < MaxSegmentWait, $"{change}: a player waited {longest.TotalSeconds:0.00} s for a segment (2 s segments); playlists:\n{string.Join("\n", player.Tracks.Select(player.Playlist))}");
            var gained = player.Tracks.Where(t => player.Discontinuities(t) > discontinuities.GetValueOrDefault(t)).Order(StringComparer.Ordinal);
            Assert.True(
                gained.SequenceEqual((discontinuous ?? []).Order(StringComparer.Ordinal)),
                $"{change}: discontinuities on [{string.Join(", ", gained)}], expected [{string.Join(", ", discontinuous ?? [])}]; playlists:\n{string.Join("\n", player.Tracks.Select(player.Playlist))}\nstatus: {await http.GetStringAsync(RunnerAdminApi.StatusPath)}");
            return next;
        }

        private static string Lists(params IReadOnlyList<string>?[] lists) =>
            string.Join(" | ", lists.Select(l => string.Join(", ", l ?? [])));

        /// <summary>Each pipeline stage's instance id, by stage id, from <c>/v1/status</c>.</summary>
        private async Task<Dictionary<string, string>> InstancesAsync()
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(RunnerAdminApi.StatusPath));
            return doc.RootElement.GetProperty("pipeline").GetProperty("stages").EnumerateArray()
                .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("instanceId").GetString()!, StringComparer.Ordinal);
        }
    }
}
