using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Reload;
using static Ladder.Pipeline.Tests.Reload.ReloadSpecs;

namespace Ladder.Pipeline.Tests.Reload;

public sealed class PipelineDiffTests
{
    [Fact]
    public void Compute_Should_BeEmpty_When_TheSameSpecIsReapplied()
    {
        var diff = PipelineDiff.Compute(Base(), Base());

        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void Compute_Should_BeEmpty_When_OnlyTheGenerationChanges()
    {
        var diff = PipelineDiff.Compute(Base(), Base() with { Generation = 7 });

        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void Compute_Should_BeEmpty_When_TheSpecRoundTripsThroughJson()
    {
        var spec = Base();

        Assert.True(PipelineDiff.Compute(spec, PipelineSpec.FromJson(spec.ToJson())).IsEmpty);
    }

    public static TheoryData<string> Cases => [.. DiffCases.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_Should_SortTheChangeIntoItsCategory_When_OneThingChanges(string name)
    {
        var (edit, expected) = DiffCases[name];

        var diff = PipelineDiff.Compute(Base(), Edit(edit));

        Assert.Equal(expected, Describe(diff));
    }

    private static readonly Dictionary<string, (Func<PipelineSpec, PipelineSpec> Edit, string Expected)> DiffCases = new()
    {
        ["input url"] = (s => s with { Inputs = ValueList.Of(s.Inputs[0] with { Url = "srt://0.0.0.0:9001" }, s.Inputs[1]) }, "inputs ~primary"),
        ["input stream key"] = (s => s with { Inputs = ValueList.Of(s.Inputs[0], s.Inputs[1] with { StreamKey = "k2" }) }, "inputs ~backup"),
        ["input added"] = (s => s with { Inputs = s.Inputs.Append(s.Inputs[1] with { Name = "third" }).ToValueList() }, "inputs +third"),
        ["input removed"] = (s => s with { Inputs = ValueList.Of(s.Inputs[0]) }, "inputs -backup"),
        ["input priority"] = (s => s with { Inputs = ValueList.Of(s.Inputs[1], s.Inputs[0]) }, "input order"),
        ["failover timings"] = (s => s with { Failover = s.Failover with { FailbackDelay = Duration.FromSeconds(30) } }, "failover"),
        ["rendition bitrate"] = (s => WithRenditions(s, s.Video.Renditions[0] with { Bitrate = 400_000 }, s.Video.Renditions[1]), "renditions ~r180"),
        ["rendition size"] = (s => WithRenditions(s, s.Video.Renditions[0], s.Video.Renditions[1] with { Width = 128, Height = 72 }), "renditions ~r90"),
        ["rendition added"] = (s => WithRenditions(s, [.. s.Video.Renditions, new PipelineRendition("r72") { Width = 128, Height = 72, Bitrate = 100_000 }]), "renditions +r72"),
        ["rendition removed"] = (s => WithRenditions(s, s.Video.Renditions[0]), "renditions -r90"),
        ["rendition order"] = (s => WithRenditions(s, s.Video.Renditions[1], s.Video.Renditions[0]), "rendition order"),
        ["audio bitrate"] = (s => s with { Audio = s.Audio with { Bitrate = 96_000 } }, "audio"),
        ["hls window"] = (s => s with { Outputs = s.Outputs with { Hls = s.Outputs.Hls with { Window = 8 } } }, "hls"),
        ["dash enabled"] = (s => s with { Outputs = s.Outputs with { Dash = s.Outputs.Dash with { Enabled = true } } }, "dash"),
        ["push added"] = (s => s with { Outputs = s.Outputs with { Push = ValueList.Of(s.Outputs.Push[0], Target("youtube")) } }, "push +youtube"),
        ["push removed"] = (s => s with { Outputs = s.Outputs with { Push = ValueList<PipelinePushTarget>.Empty } }, "push -twitch"),
        ["push url"] = (s => s with { Outputs = s.Outputs with { Push = ValueList.Of(s.Outputs.Push[0] with { Url = "rtmp://other/live" }) } }, "push ~twitch"),
        ["gop"] = (s => s with { Video = s.Video with { GopSeconds = 2 } }, "shared video.gopSeconds"),
        ["encoder"] = (s => s with { Video = s.Video with { Encoder = "libx265", Codec = VideoCodec.Hevc } }, "shared video.codec,video.encoder"),
        ["preset"] = (s => s with { Video = s.Video with { Preset = "veryfast" } }, "shared video.preset"),
        ["passthrough added"] = (s => WithRenditions(s, [.. s.Video.Renditions, new PipelineRendition("source") { Passthrough = true }]), "shared video.renditions[].passthrough; renditions +source"),
        ["paused"] = (s => s with { Paused = true }, "shared paused"),
        ["stream"] = (s => s with { Stream = new StreamIdentity("other", "stream") }, "shared stream"),
    };

    private static string Describe(PipelineDiff diff)
    {
        var parts = new List<string>();
        if (diff.Shared.Count > 0)
        {
            parts.Add("shared " + string.Join(",", diff.Shared));
        }

        Add(parts, "inputs", diff.Inputs);
        if (diff.InputOrderChanged)
        {
            parts.Add("input order");
        }

        if (diff.FailoverChanged)
        {
            parts.Add("failover");
        }

        Add(parts, "renditions", diff.Renditions);
        if (diff.RenditionOrderChanged)
        {
            parts.Add("rendition order");
        }

        if (diff.AudioChanged)
        {
            parts.Add("audio");
        }

        if (diff.HlsChanged)
        {
            parts.Add("hls");
        }

        if (diff.DashChanged)
        {
            parts.Add("dash");
        }

        Add(parts, "push", diff.Push);
        return string.Join("; ", parts);
    }

    private static void Add(List<string> parts, string category, NamedChanges changes)
    {
        if (!changes.IsEmpty)
        {
            parts.Add(category + " " + string.Join(",", changes.Added.Select(n => "+" + n).Concat(changes.Removed.Select(n => "-" + n)).Concat(changes.Changed.Select(n => "~" + n))));
        }
    }
}
