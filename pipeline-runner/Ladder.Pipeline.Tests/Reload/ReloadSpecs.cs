using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Reload;

/// <summary>A two-input, two-rendition spec with one push target, and named edits of it, for diff and plan tables.</summary>
internal static class ReloadSpecs
{
    public static PipelineSpec Base()
    {
        var spec = Specs.Create(Specs.Input("srt://0.0.0.0:9000", InputProtocol.Srt, InputMode.Listen), [Specs.Rendition("r180", 320, 180), Specs.Rendition("r90", 160, 90)]);
        return spec with
        {
            Inputs = ValueList.Of(
                spec.Inputs[0] with { Name = "primary" },
                new PipelineInput("backup", InputProtocol.Rtmp, InputMode.Listen, "rtmp://0.0.0.0:1935/live/key", new ValueMap([KeyValuePair.Create("listen", "1")]))),
            Outputs = spec.Outputs with { Push = ValueList.Of(Target("twitch")) },
        };
    }

    public static PipelinePushTarget Target(string name) =>
        new(name, PushProtocol.Rtmp, $"rtmp://{name}.example/live", "r180", ValueMap.Empty) { StreamKey = "secret" };

    /// <summary>Applies <paramref name="edit"/> to <see cref="Base"/> and bumps the generation, as the operator would.</summary>
    public static PipelineSpec Edit(Func<PipelineSpec, PipelineSpec> edit) => edit(Base()) with { Generation = 2 };

    public static PipelineSpec WithRenditions(PipelineSpec spec, params PipelineRendition[] renditions) =>
        spec with { Video = spec.Video with { Renditions = renditions.ToValueList() } };
}
