using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Reload;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Reload;

/// <summary>
/// <c>LivePipeline.ApplyAsync</c> carrying out <c>ReloadPlanner</c>'s plan on a running pipeline (the 720p clip
/// looped in real time, renditions 320x180 and 160x90, GOP 1 s, 2 s segments): only the planned stages change, the
/// others keep their instance ids and their output continues without a gap.
/// </summary>
public sealed class LiveReloadTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ApplyAsync_Should_RestartOnlyThatEncoder_OnTheNextSegmentBoundary_When_OneBitrateChanges()
    {
        var spec = Spec();
        await using var run = PipelineRun.Start(spec);
        WaitForPackets(run, "r180", 30);
        WaitForPackets(run, "r90", 30);
        var before = Ids(run);

        var next = spec with { Generation = 2, Video = spec.Video with { Renditions = ValueList.Of(spec.Video.Renditions[0] with { Bitrate = 400_000 }, spec.Video.Renditions[1]) } };
        var plan = await Apply(run, next);

        Assert.Equal(["encode/r180"], plan.Restarted);
        Assert.Empty(plan.Started);
        Assert.Empty(plan.Stopped);
        Assert.Contains("encode/r90", plan.Kept);
        Assert.Equal(2, run.Pipeline.GetStatus().Generation);
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.Tracks["r180"].Version == 2, Timeout), "the restarted encoder never announced version 2");
        var switchedAt = run.Sink.LatestPts("r180");
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.LatestPts("r180") > switchedAt + 2 && run.Sink.LatestPts("r90") > switchedAt + 2, Timeout));

        var after = Ids(run);
        Assert.NotEqual(before["encode/r180"], after["encode/r180"]);
        Assert.Equal(before.Where(i => i.Key != "encode/r180"), after.Where(i => i.Key != "encode/r180"));
        Assert.Equal(400_000, run.Sink.Tracks["r180"].Bitrate);
        AssertNoGap(run.Sink.Packets("r90"));
        AssertNoGap(run.Sink.Packets("r180"));
        var keyframes = run.Sink.Packets("r180").Where(p => p.Keyframe).Select(p => p.Pts).ToList();
        Assert.All(keyframes, pts => Assert.True(Math.Abs(pts - Math.Round(pts)) < 0.02, $"keyframe off the 1 s GOP grid at {pts}"));
    }

    [Fact]
    public async Task ApplyAsync_Should_AddAndRemoveOnlyThatTrack_When_ARenditionIsAddedThenRemoved()
    {
        var spec = Spec();
        await using var run = PipelineRun.Start(spec);
        WaitForPackets(run, "r90", 30);
        var before = Ids(run);

        var added = spec with { Generation = 2, Video = spec.Video with { Renditions = spec.Video.Renditions.Append(Specs.Rendition("r72", 128, 72)).ToValueList() } };
        var plan = await Apply(run, added);

        Assert.Equal(["encode/r72"], plan.Started);
        Assert.True(plan.Restarted.Count == 0 && plan.Stopped.Count == 0);
        WaitForPackets(run, "r72", 10);
        Assert.True(run.Sink.Packets("r72")[0].Keyframe);
        Assert.Equal(["r180", "r90", "r72", "audio"], run.Pipeline.GetStatus().Tracks.Select(t => t.Name));

        plan = await Apply(run, spec with { Generation = 3 });

        Assert.Equal(["encode/r72"], plan.Stopped);
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.Removed.Contains("r72"), Timeout), "the removed rendition's track was never removed");
        Assert.DoesNotContain("r180", run.Sink.Removed);
        Assert.Equal(before, Ids(run));
        AssertNoGap(run.Sink.Packets("r90"));
    }

    [Fact]
    public async Task ApplyAsync_Should_ChangeNothing_When_TheSameSpecIsReapplied()
    {
        var spec = Spec();
        await using var run = PipelineRun.Start(spec);
        WaitForPackets(run, "r90", 10);
        var before = Ids(run);

        var plan = await Apply(run, spec with { Generation = 2 });

        Assert.True(plan.IsEmpty);
        Assert.Equal(before, Ids(run));
    }

    [Fact]
    public async Task ApplyAsync_Should_SwapEveryEncoderOnOneBoundaryAndKeepTheRest_When_TheGopChanges()
    {
        var spec = Spec();
        await using var run = PipelineRun.Start(spec);
        WaitForPackets(run, "r90", 30);
        var before = Ids(run);

        var plan = await Apply(run, spec with { Generation = 2, Video = spec.Video with { GopSeconds = 2 } });

        Assert.Equal(["encode/r180", "encode/r90"], plan.Restarted);
        Assert.True(CollectingSink.WaitUntil(() => HasVersion(run, "r180", 2) && HasVersion(run, "r90", 2), Timeout), "the new encoders wrote nothing");
        var firstNew = FirstOfVersion(run, "r180", 2);
        Assert.Equal(firstNew, FirstOfVersion(run, "r90", 2));
        Assert.Equal(0, firstNew % 2, 2); // on a 2 s segment boundary
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.LatestPts("r90") > firstNew + 4.5, Timeout));
        var keyframes = run.Sink.Packets("r90").Where(p => p.Keyframe && p.Pts >= firstNew).Select(p => p.Pts).ToList();
        Assert.All(keyframes, pts => Assert.True(Math.Abs((pts / 2) - Math.Round(pts / 2)) < 0.02, $"keyframe off the 2 s GOP grid at {pts}"));
        var after = Ids(run);
        Assert.Equal(before.Where(i => !i.Key.StartsWith("encode/", StringComparison.Ordinal)), after.Where(i => !i.Key.StartsWith("encode/", StringComparison.Ordinal)));
        AssertNoGap(run.Sink.Packets("r90"));
        AssertNoGap(run.Sink.Packets("r180"));
    }

    [Fact]
    public async Task ApplyAsync_Should_RestartOnlyAudioWithANewTrackVersion_When_TheAudioCodecChanges()
    {
        var spec = Spec();
        await using var run = PipelineRun.Start(spec);
        WaitForPackets(run, "audio", 30);
        var before = Ids(run);

        var plan = await Apply(run, spec with { Generation = 2, Audio = spec.Audio with { Codec = Ladder.Api.V1Alpha1.AudioCodec.Opus, Encoder = "libopus" } });

        Assert.Equal(["audio"], plan.Restarted);
        Assert.True(CollectingSink.WaitUntil(() => HasVersion(run, "audio", 2), Timeout), "the new audio stage wrote nothing");
        Assert.Equal("opus", run.Sink.Tracks["audio"].Parameters.CodecName);
        var firstNew = FirstOfVersion(run, "audio", 2);
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.LatestPts("audio") > firstNew + 2, Timeout));
        Assert.DoesNotContain("audio", run.Sink.Removed);
        var after = Ids(run);
        Assert.NotEqual(before["audio"], after["audio"]);
        Assert.Equal(before.Where(i => i.Key != "audio"), after.Where(i => i.Key != "audio"));
        AssertNoGap(run.Sink.Packets("r90"));
    }

    [Fact]
    public async Task ApplyAsync_Should_ReopenOnlyTheInputWhileEncodersRun_When_TheOnlyInputsOptionsChange()
    {
        var spec = Spec();
        await using var run = PipelineRun.Start(spec);
        WaitForPackets(run, "r90", 30);
        var before = Ids(run);

        var input = spec.Inputs[0];
        var plan = await Apply(run, spec with { Generation = 2, Inputs = ValueList.Of(input with { Options = new ValueMap([.. input.Options, KeyValuePair.Create("probesize", "5000000")]) }) });

        Assert.Equal(["ingest/main"], plan.Restarted);
        var switchedAt = run.Sink.LatestPts("r90");
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.LatestPts("r90") > switchedAt + 3, Timeout), "no video after the input reopened");
        var after = Ids(run);
        Assert.NotEqual(before["ingest/main"], after["ingest/main"]);
        Assert.Equal(before.Where(i => i.Key != "ingest/main"), after.Where(i => i.Key != "ingest/main"));
        var pts = run.Sink.Packets("r90").Select(p => p.Pts).ToList();
        Assert.True(pts.Zip(pts.Skip(1)).All(p => p.Second > p.First - 0.5), "timestamps went back after the input reopened");
    }

    /// <summary>Plans the reload as the runner does and has the pipeline carry it out.</summary>
    private static async Task<ReloadPlan> Apply(PipelineRun run, PipelineSpec next)
    {
        var plan = ReloadPlanner.Plan(run.Pipeline.Spec, next);
        await run.Pipeline.ApplyAsync(plan, next);
        return plan;
    }

    private static bool HasVersion(PipelineRun run, string track, int version) => run.Sink.Packets(track).Any(p => p.Version == version);

    private static double FirstOfVersion(PipelineRun run, string track, int version) =>
        run.Sink.Packets(track).Where(p => p.Version == version).Min(p => p.Pts);

    private static PipelineSpec Spec() => Specs.Create(
        Specs.Input(TestMedia.Mp4720p30s, InputProtocol.File, InputMode.Pull, ("re", "1"), ("stream_loop", "-1")),
        [Specs.Rendition("r180", 320, 180, fps: 24), Specs.Rendition("r90", 160, 90, fps: 24)]);

    private static Dictionary<string, string> Ids(PipelineRun run) =>
        run.Pipeline.GetStatus().Stages.ToDictionary(s => s.Id, s => s.InstanceId);

    private static void WaitForPackets(PipelineRun run, string track, int count) =>
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.Packets(track).Count > count, Timeout), $"{track} produced no packets: {System.Text.Json.JsonSerializer.Serialize(run.Pipeline.GetStatus())}");

    /// <summary>
    /// What the packager keeps of a track's packets (TrackSegmenter discards an older version's frames from the first
    /// frame of a newer version on: a swapped-out encoder may still emit one at the swap boundary), sorted by PTS: no
    /// two consecutive packets are further apart than two frames (24 fps), and none share a PTS.
    /// </summary>
    private static void AssertNoGap(IReadOnlyList<PacketRecord> packets)
    {
        var versionStarts = packets.GroupBy(p => p.Version).ToDictionary(g => g.Key, g => g.Min(p => p.Pts));
        var kept = packets.Where(p => !versionStarts.Any(v => v.Key > p.Version && p.Pts >= v.Value));
        var pts = kept.Select(p => p.Pts).Order().ToList();
        for (var i = 1; i < pts.Count; i++)
        {
            Assert.True(pts[i] - pts[i - 1] < 2.0 / 24 + 0.001, $"gap of {pts[i] - pts[i - 1]:0.###} s at {pts[i - 1]:0.###} s");
            Assert.True(pts[i] > pts[i - 1], $"duplicate PTS {pts[i]}");
        }
    }
}
