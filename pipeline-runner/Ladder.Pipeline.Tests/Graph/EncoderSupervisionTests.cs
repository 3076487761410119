using Ladder.Api.Pipeline;
using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Graph;

/// <summary>
/// A running pipeline (the 720p clip looped in real time, renditions 320x180 and 160x90, 2 s segments) whose r180
/// encoder fails: a successor takes over on a segment boundary with the next track version, on the same track, and
/// the other rendition never notices.
/// </summary>
public sealed class EncoderSupervisionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Pipeline_Should_StartASuccessorOnTheSameTrack_When_AnEncoderFails()
    {
        await using var run = PipelineRun.Start(Specs.Create(
            Specs.Input(TestMedia.Mp4720p30s, InputProtocol.File, InputMode.Pull, ("re", "1"), ("stream_loop", "-1")),
            [Specs.Rendition("r180", 320, 180, fps: 24), Specs.Rendition("r90", 160, 90, fps: 24)]));
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.Packets("r180").Count > 30 && run.Sink.Packets("r90").Count > 30, Timeout), "no packets");
        var before = run.Pipeline.GetStatus().Stages.ToDictionary(s => s.Id, s => s.InstanceId);

        run.Sink.FailNextWrites("r180", 1);

        Assert.True(CollectingSink.WaitUntil(() => run.Sink.Packets("r180").Any(p => p.Version == 2), Timeout), "no successor wrote the rendition");
        var resumed = run.Sink.Packets("r180").Where(p => p.Version == 2).Min(p => p.Pts);
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.LatestPts("r180") > resumed + 2, Timeout), "the successor stopped");
        Assert.Equal(0, resumed % 2, 2); // on a 2 s segment boundary
        Assert.True(run.Sink.Packets("r180").First(p => p.Version == 2).Keyframe);
        Assert.DoesNotContain("r180", run.Sink.Removed);
        var after = run.Pipeline.GetStatus().Stages.ToDictionary(s => s.Id, s => s.InstanceId);
        Assert.NotEqual(before["encode/r180"], after["encode/r180"]);
        Assert.Equal(before.Where(i => i.Key != "encode/r180"), after.Where(i => i.Key != "encode/r180"));
        var r90 = run.Sink.Packets("r90").Select(p => p.Pts).Order().ToList();
        Assert.All(r90.Zip(r90.Skip(1)), p => Assert.True(p.Second - p.First < 2.0 / 24 + 0.001, $"r90 gap at {p.First:0.###} s"));
    }
}
