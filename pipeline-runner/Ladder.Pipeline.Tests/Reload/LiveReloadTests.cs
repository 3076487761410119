using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Reload;

/// <summary>
/// <c>LivePipeline.ApplyAsync</c> on a running pipeline (the 720p clip looped in real time, renditions
/// 320x180 and 160x90, GOP 1 s, 2 s segments): only the planned stages change, the others keep their instance ids and
/// their output continues without a gap.
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
        var plan = await run.Pipeline.ApplyAsync(next);

        Assert.Equal(["encode/r180"], plan.Restarted);
        Assert.Empty(plan.Started);
        Assert.Empty(plan.Stopped);
        Assert.Contains("encode/r90", plan.Kept);
        Assert.NotNull(plan.AppliedAt);
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
        var plan = await run.Pipeline.ApplyAsync(added);

        Assert.Equal(["encode/r72"], plan.Started);
        Assert.True(plan.Restarted.Count == 0 && plan.Stopped.Count == 0);
        WaitForPackets(run, "r72", 10);
        Assert.True(run.Sink.Packets("r72")[0].Keyframe);
        Assert.Equal(["r180", "r90", "r72", "audio"], run.Pipeline.GetStatus().Tracks.Select(t => t.Name));

        plan = await run.Pipeline.ApplyAsync(spec with { Generation = 3 });

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

        var plan = await run.Pipeline.ApplyAsync(spec with { Generation = 2 });

        Assert.True(plan.IsEmpty);
        Assert.Equal(before, Ids(run));
    }

    [Fact]
    public async Task ApplyAsync_Should_RefuseAndLeaveThePipeline_When_TheChangeNeedsAFullRestart()
    {
        var spec = Spec();
        await using var run = PipelineRun.Start(spec);
        WaitForPackets(run, "r90", 10);
        var before = Ids(run);

        await Assert.ThrowsAsync<NotSupportedException>(() => run.Pipeline.ApplyAsync(spec with { Generation = 2, Video = spec.Video with { GopSeconds = 2 } }));

        Assert.Equal(before, Ids(run));
        Assert.Equal(1, run.Pipeline.GetStatus().Generation);
    }

    private static PipelineSpec Spec() => Specs.Create(
        Specs.Input(TestMedia.Mp4720p30s, InputProtocol.File, InputMode.Pull, ("re", "1"), ("stream_loop", "-1")),
        [Specs.Rendition("r180", 320, 180, fps: 24), Specs.Rendition("r90", 160, 90, fps: 24)]);

    private static Dictionary<string, string> Ids(PipelineRun run) =>
        run.Pipeline.GetStatus().Stages.ToDictionary(s => s.Id, s => s.InstanceId);

    private static void WaitForPackets(PipelineRun run, string track, int count) =>
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.Packets(track).Count > count, Timeout), $"{track} produced no packets: {System.Text.Json.JsonSerializer.Serialize(run.Pipeline.GetStatus())}");

    /// <summary>Sorted by PTS, no two consecutive packets are further apart than two frames (24 fps).</summary>
    private static void AssertNoGap(IReadOnlyList<PacketRecord> packets)
    {
        var pts = packets.Select(p => p.Pts).Order().ToList();
        for (var i = 1; i < pts.Count; i++)
        {
            Assert.True(pts[i] - pts[i - 1] < 2.0 / 24 + 0.001, $"gap of {pts[i] - pts[i - 1]:0.###} s at {pts[i - 1]:0.###} s");
            Assert.True(pts[i] > pts[i - 1], $"duplicate PTS {pts[i]}");
        }
    }
}
