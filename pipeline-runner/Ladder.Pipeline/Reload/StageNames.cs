using Ladder.Api.Pipeline;

namespace Ladder.Pipeline.Reload;

/// <summary>
/// The one set of names for a pipeline's stages, <c>kind/name</c>: the stage ids the pipeline reports
/// (<c>Stage.Id</c>, <c>/v1/status</c>) and the names a <see cref="Ladder.Api.Runner.ReloadPlan"/> lists:
/// <c>ingest</c> (the input switch), <c>ingest/&lt;input&gt;</c>, <c>decode/video</c>, <c>encode/&lt;rendition&gt;</c>
/// (passthrough renditions too), <c>audio</c>, <c>package/hls</c>, <c>package/dash</c>, <c>push/&lt;target&gt;</c>.
/// </summary>
public static class StageNames
{
    /// <summary>The input switch: picks which input feeds the decoders (priorities, failover timings).</summary>
    public const string InputSwitch = "ingest";

    /// <summary>The shared video decoder (present while at least one rendition is transcoded).</summary>
    public const string Decode = "decode/video";

    /// <summary>The audio decoder and encoder.</summary>
    public const string Audio = "audio";

    /// <summary>The HLS packager (present while <c>outputs.hls.enabled</c>).</summary>
    public const string Hls = "package/hls";

    /// <summary>The DASH packager (present while <c>outputs.dash.enabled</c>).</summary>
    public const string Dash = "package/dash";

    /// <summary>The reader of input <paramref name="input"/>.</summary>
    public static string Ingest(string input) => "ingest/" + input;

    /// <summary>The encoder (or passthrough) of rendition <paramref name="rendition"/>.</summary>
    public static string Encode(string rendition) => "encode/" + rendition;

    /// <summary>The sender to push target <paramref name="target"/>.</summary>
    public static string Push(string target) => "push/" + target;

    /// <summary>Every stage <paramref name="spec"/> runs, in pipeline order (input switch, inputs, decode, encoders, audio, packagers, pushes).</summary>
    public static IReadOnlyList<string> Of(PipelineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var names = new List<string> { InputSwitch };
        names.AddRange(spec.Inputs.Select(i => Ingest(i.Name)));
        if (spec.Video.Renditions.Any(r => !r.Passthrough))
        {
            names.Add(Decode);
        }

        names.AddRange(spec.Video.Renditions.Select(r => Encode(r.Name)));
        names.Add(Audio);
        if (spec.Outputs.Hls.Enabled)
        {
            names.Add(Hls);
        }

        if (spec.Outputs.Dash.Enabled)
        {
            names.Add(Dash);
        }

        names.AddRange(spec.Outputs.Push.Select(p => Push(p.Name)));
        return names;
    }
}
