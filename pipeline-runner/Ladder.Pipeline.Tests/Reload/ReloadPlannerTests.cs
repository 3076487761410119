using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Reload;
using static Ladder.Pipeline.Tests.Reload.ReloadSpecs;

namespace Ladder.Pipeline.Tests.Reload;

public sealed class ReloadPlannerTests
{
    private static readonly string[] AllStages =
        ["ingest", "ingest/primary", "ingest/backup", "decode/video", "encode/r180", "encode/r90", "audio", "package/hls", "push/twitch"];

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
        var (edit, started, stopped, restarted, updated) = PlanCases[name];
        var previous = Base();
        var next = Edit(edit);

        var plan = ReloadPlanner.Plan(previous, next);

        Assert.Empty(ReloadPlanner.Refusals(PipelineDiff.Compute(previous, next)));
        Assert.Equal(started, plan.Started);
        Assert.Equal(stopped, plan.Stopped);
        Assert.Equal(restarted, plan.Restarted);
        Assert.Equal(updated, plan.Updated);
        var every = StageNames.Of(previous).Union(StageNames.Of(next)).Order(StringComparer.Ordinal);
        var listed = plan.Started.Concat(plan.Stopped).Concat(plan.Restarted).Concat(plan.Updated).Concat(plan.Kept).Order(StringComparer.Ordinal);
        Assert.Equal(every, listed);
    }

    public static TheoryData<string> RefusedCases => [.. Refused.Keys];

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public void Refusals_Should_NameTheField_When_ALiveStreamCannotTakeTheChange(string name)
    {
        var (edit, field) = Refused[name];
        var diff = PipelineDiff.Compute(Base(), Edit(edit));

        var refused = ReloadPlanner.Refusals(diff);

        Assert.Equal([field], refused.Select(e => e.Path));
        Assert.Throws<ArgumentException>(() => ReloadPlanner.Plan(diff));
    }

    private static readonly Dictionary<string, (Func<PipelineSpec, PipelineSpec> Edit, string Field)> Refused = new()
    {
        ["hls segment duration (EXT-X-TARGETDURATION must not change)"] = (
            s => s with { Outputs = s.Outputs with { Hls = s.Outputs.Hls with { SegmentDuration = Duration.FromSeconds(4) } } }, "spec.outputs.hls.segmentDuration"),
        ["low-latency hls switched on (segments are cut into parts from their first frame)"] = (
            s => s with { Outputs = s.Outputs with { Hls = s.Outputs.Hls with { LowLatency = new PipelineHlsLowLatency(Duration.FromMilliseconds(500)) } } }, "spec.outputs.hls.lowLatency"),
        ["low-latency dash switched on (segments are cut into chunks from their first frame)"] = (
            s => s with { Outputs = s.Outputs with { Dash = s.Outputs.Dash with { Enabled = true, LowLatency = new PipelineDashLowLatency(Duration.FromSeconds(3), Duration.FromMilliseconds(500)) } } },
            "spec.outputs.dash.lowLatency"),
        ["dash segment duration while dash alone cuts"] = (
            s => s with { Outputs = s.Outputs with { Hls = s.Outputs.Hls with { Enabled = false }, Dash = s.Outputs.Dash with { Enabled = true, SegmentDuration = Duration.FromSeconds(6) } } },
            "spec.outputs.dash.segmentDuration"),
        ["hls container"] = (s => s with { Outputs = s.Outputs with { Hls = s.Outputs.Hls with { Container = HlsContainer.Ts } } }, "spec.outputs.hls.container"),
        ["another stream"] = (s => s with { Stream = new StreamIdentity("other", "stream") }, "spec.stream"),
        ["hardware"] = (s => s with { Video = s.Video with { Hardware = HardwareAcceleration.Nvidia } }, "spec.video.hardware"),
        ["passthrough added"] = (s => WithRenditions(s, [.. s.Video.Renditions, new PipelineRendition("source") { Passthrough = true }]), "spec.video.renditions"),
    };

    private static readonly Dictionary<string, (Func<PipelineSpec, PipelineSpec> Edit, string[] Started, string[] Stopped, string[] Restarted, string[] Updated)> PlanCases = new()
    {
        ["push target added touches nothing else"] = (
            s => s with { Outputs = s.Outputs with { Push = ValueList.Of(s.Outputs.Push[0], Target("youtube")) } }, ["push/youtube"], [], [], []),
        ["push target removed"] = (s => s with { Outputs = s.Outputs with { Push = ValueList<PipelinePushTarget>.Empty } }, [], ["push/twitch"], [], []),
        ["push target changed"] = (s => s with { Outputs = s.Outputs with { Push = ValueList.Of(s.Outputs.Push[0] with { StreamKey = "new" }) } }, [], [], ["push/twitch"], []),
        ["one rendition's bitrate restarts that encoder only"] = (
            s => WithRenditions(s, s.Video.Renditions[0] with { Bitrate = 400_000 }, s.Video.Renditions[1]), [], [], ["encode/r180"], []),
        ["rendition added starts its encoder and updates the packager"] = (
            s => WithRenditions(s, [.. s.Video.Renditions, new PipelineRendition("r72") { Width = 128, Height = 72, Bitrate = 100_000 }]), ["encode/r72"], [], [], ["package/hls"]),
        ["rendition removed"] = (s => WithRenditions(s, s.Video.Renditions[0]), [], ["encode/r90"], [], ["package/hls"]),
        ["rendition order is applied to the playlist only"] = (s => WithRenditions(s, s.Video.Renditions[1], s.Video.Renditions[0]), [], [], [], ["package/hls"]),
        ["input url reopens that input only"] = (
            s => s with { Inputs = ValueList.Of(s.Inputs[0] with { Url = "srt://0.0.0.0:9001" }, s.Inputs[1]) }, [], [], ["ingest/primary"], []),
        ["input added"] = (s => s with { Inputs = s.Inputs.Append(s.Inputs[1] with { Name = "third" }).ToValueList() }, ["ingest/third"], [], [], []),
        ["input removed"] = (s => s with { Inputs = ValueList.Of(s.Inputs[0]) }, [], ["ingest/backup"], [], []),
        ["the only input's options reopen it"] = (
            s => s with { Inputs = ValueList.Of(s.Inputs[0] with { Options = new ValueMap([KeyValuePair.Create("latency", "200000")]) }) }, [], ["ingest/backup"], ["ingest/primary"], []),
        ["input priority updates the switch"] = (s => s with { Inputs = ValueList.Of(s.Inputs[1], s.Inputs[0]) }, [], [], [], ["ingest"]),
        ["failover timings update the switch"] = (s => s with { Failover = new PipelineFailover(Duration.FromSeconds(0.25), Duration.FromSeconds(1)) }, [], [], [], ["ingest"]),
        ["audio change restarts audio only"] = (s => s with { Audio = s.Audio with { Bitrate = 96_000 } }, [], [], ["audio"], []),
        ["audio codec restarts audio only"] = (s => s with { Audio = s.Audio with { Codec = AudioCodec.Opus, Encoder = "libopus" } }, [], [], ["audio"], []),
        ["hls window updates the hls packager only"] = (s => s with { Outputs = s.Outputs with { Hls = s.Outputs.Hls with { Window = 8 } } }, [], [], [], ["package/hls"]),
        ["dash enabled starts the dash packager"] = (s => s with { Outputs = s.Outputs with { Dash = s.Outputs.Dash with { Enabled = true } } }, ["package/dash"], [], [], []),
        ["hls disabled stops the hls packager"] = (
            s => s with { Outputs = s.Outputs with { Hls = s.Outputs.Hls with { Enabled = false }, Dash = s.Outputs.Dash with { Enabled = true } } }, ["package/dash"], ["package/hls"], [], []),
        ["gop change restarts every encoder and nothing else"] = (s => s with { Video = s.Video with { GopSeconds = 2 } }, [], [], ["encode/r180", "encode/r90"], []),
        ["paused leaves the pipeline as it is"] = (s => s with { Paused = true }, [], [], [], []),
        ["encoder change restarts every encoder"] = (s => s with { Video = s.Video with { Encoder = "libopenh264" } }, [], [], ["encode/r180", "encode/r90"], []),
    };
}
