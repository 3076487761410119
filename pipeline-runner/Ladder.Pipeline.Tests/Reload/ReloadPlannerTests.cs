using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Pipeline.Reload;
using static Ladder.Pipeline.Tests.Reload.ReloadSpecs;

namespace Ladder.Pipeline.Tests.Reload;

public sealed class ReloadPlannerTests
{
    private static readonly string[] AllStages =
        ["ingest/primary", "ingest/backup", "decode/video", "encode/r180", "encode/r90", "audio", "package/hls", "push/twitch"];

    [Fact]
    public void Plan_Should_KeepEveryStage_When_TheSameSpecIsReapplied()
    {
        var plan = ReloadPlanner.Plan(Base(), Base() with { Generation = 2 });

        Assert.True(plan.IsEmpty);
        Assert.Equal(AllStages, plan.Kept);
        Assert.Equal(2, plan.PipelineGeneration);
        Assert.Equal(1, plan.PreviousGeneration);
        Assert.Null(plan.AppliedAt);
    }

    public static TheoryData<string> Cases => [.. PlanCases.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plan_Should_TouchOnlyTheStagesTheChangeNeeds_When_OneThingChanges(string name)
    {
        var (edit, started, stopped, restarted) = PlanCases[name];
        var previous = Base();
        var next = Edit(edit);

        var plan = ReloadPlanner.Plan(previous, next);

        Assert.Equal(started, plan.Started);
        Assert.Equal(stopped, plan.Stopped);
        Assert.Equal(restarted, plan.Restarted);
        var every = StageNames.Of(previous).Union(StageNames.Of(next)).Order(StringComparer.Ordinal);
        var listed = plan.Started.Concat(plan.Stopped).Concat(plan.Restarted).Concat(plan.Kept).Order(StringComparer.Ordinal);
        Assert.Equal(every, listed);
    }

    private static readonly Dictionary<string, (Func<PipelineSpec, PipelineSpec> Edit, string[] Started, string[] Stopped, string[] Restarted)> PlanCases = new()
    {
        ["push target added touches nothing else"] = (
            s => s with { Outputs = s.Outputs with { Push = ValueList.Of(s.Outputs.Push[0], Target("youtube")) } }, ["push/youtube"], [], []),
        ["push target removed"] = (s => s with { Outputs = s.Outputs with { Push = ValueList<PipelinePushTarget>.Empty } }, [], ["push/twitch"], []),
        ["push target changed"] = (s => s with { Outputs = s.Outputs with { Push = ValueList.Of(s.Outputs.Push[0] with { StreamKey = "new" }) } }, [], [], ["push/twitch"]),
        ["one rendition's bitrate restarts that encoder only"] = (
            s => WithRenditions(s, s.Video.Renditions[0] with { Bitrate = 400_000 }, s.Video.Renditions[1]), [], [], ["encode/r180"]),
        ["rendition added starts its encoder and keeps the packager"] = (
            s => WithRenditions(s, [.. s.Video.Renditions, new PipelineRendition("r72") { Width = 128, Height = 72, Bitrate = 100_000 }]), ["encode/r72"], [], []),
        ["rendition removed"] = (s => WithRenditions(s, s.Video.Renditions[0]), [], ["encode/r90"], []),
        ["rendition order is applied to the playlist only"] = (s => WithRenditions(s, s.Video.Renditions[1], s.Video.Renditions[0]), [], [], []),
        ["input url reopens that input only"] = (
            s => s with { Inputs = ValueList.Of(s.Inputs[0] with { Url = "srt://0.0.0.0:9001" }, s.Inputs[1]) }, [], [], ["ingest/primary"]),
        ["input added"] = (s => s with { Inputs = s.Inputs.Append(s.Inputs[1] with { Name = "third" }).ToValueList() }, ["ingest/third"], [], []),
        ["input removed"] = (s => s with { Inputs = ValueList.Of(s.Inputs[0]) }, [], ["ingest/backup"], []),
        ["input priority is applied live"] = (s => s with { Inputs = ValueList.Of(s.Inputs[1], s.Inputs[0]) }, [], [], []),
        ["failover timings are applied live"] = (s => s with { Failover = new PipelineFailover(Duration.FromSeconds(0.25), Duration.FromSeconds(1)) }, [], [], []),
        ["audio change restarts audio only"] = (s => s with { Audio = s.Audio with { Bitrate = 96_000 } }, [], [], ["audio"]),
        ["hls settings restart the hls packager only"] = (s => s with { Outputs = s.Outputs with { Hls = s.Outputs.Hls with { Window = 8 } } }, [], [], ["package/hls"]),
        ["dash enabled starts the dash packager"] = (s => s with { Outputs = s.Outputs with { Dash = s.Outputs.Dash with { Enabled = true } } }, ["package/dash"], [], []),
        ["hls disabled stops the hls packager"] = (s => s with { Outputs = s.Outputs with { Hls = s.Outputs.Hls with { Enabled = false } } }, [], ["package/hls"], []),
        ["gop change restarts everything"] = (s => s with { Video = s.Video with { GopSeconds = 2 } }, [], [], AllStages),
        ["encoder change restarts everything"] = (s => s with { Video = s.Video with { Encoder = "libopenh264" } }, [], [], AllStages),
        ["all renditions passthrough drops the decoder"] = (
            s => WithRenditions(s, new PipelineRendition("r180") { Passthrough = true }), [], ["decode/video", "encode/r90"],
            ["ingest/primary", "ingest/backup", "encode/r180", "audio", "package/hls", "push/twitch"]),
    };
}
