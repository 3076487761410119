using FluentValidation;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>
/// Validates a resolved <see cref="PipelineSpec"/>: the runner checks what it is given before it starts,
/// whether the spec came from the operator or from a file. Paths are relative to the spec (<c>inputs[0].url</c>).
/// </summary>
public sealed class PipelineSpecValidator : AbstractValidator<PipelineSpec>
{
    /// <summary>Creates the validator.</summary>
    public PipelineSpecValidator()
    {
        RuleFor(x => x.ApiVersion).Equal(PipelineSpec.CurrentApiVersion)
            .WithMessage(x => $"\"{x.ApiVersion}\" is not supported; use {PipelineSpec.CurrentApiVersion}");
        RuleFor(x => x.Generation).GreaterThanOrEqualTo(0).WithMessage("must not be negative");
        RuleFor(x => x.Stream).NotNull().WithMessage("required");
        RuleFor(x => x.Stream.Name).NotEmpty().WithMessage("required").When(x => x.Stream is not null);
        RuleFor(x => x.Stream.Namespace).NotEmpty().WithMessage("required").When(x => x.Stream is not null);
        RuleFor(x => x).Custom((p, ctx) =>
        {
            if (p.Inputs is null || p.Inputs.Count == 0)
            {
                ctx.AddFailure("Inputs", "at least one input is required");
            }
            else
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < p.Inputs.Count; i++)
                {
                    var input = p.Inputs[i];
                    if (SpecRules.CheckItemName(input.Name) is { } nameError)
                    {
                        ctx.AddFailure($"Inputs[{i}].Name", nameError);
                    }
                    else if (!names.Add(input.Name))
                    {
                        ctx.AddFailure($"Inputs[{i}].Name", $"duplicate input name \"{input.Name}\"");
                    }
                    var scheme = SpecRules.SchemeOf(input.Url ?? "");
                    if (scheme is null || !SpecRules.InputSchemes.Contains(scheme) || SpecRules.ParseUrl(input.Url!) is null)
                    {
                        ctx.AddFailure($"Inputs[{i}].Url", SpecRules.CheckUrl(input.Url, SpecRules.InputSchemes) ?? $"\"{input.Url}\" is not a valid URL");
                    }
                    else if (ProtocolOf(scheme) != input.Protocol)
                    {
                        ctx.AddFailure($"Inputs[{i}].Protocol", $"{WireEnum.ToWire(input.Protocol)} does not match the URL scheme {scheme}");
                    }
                }
            }
            if (p.Failover is null)
            {
                ctx.AddFailure("Failover", "required");
            }
            else if (p.Failover.InputTimeout < Duration.FromMilliseconds(100))
            {
                ctx.AddFailure("Failover.InputTimeout", $"{p.Failover.InputTimeout} is out of range; use 100ms to 60s");
            }
            var renditionNames = new List<string>();
            if (p.Video is null)
            {
                ctx.AddFailure("Video", "required");
            }
            else
            {
                if (p.Video.GopSeconds is < 1 or > 10)
                {
                    ctx.AddFailure("Video.GopSeconds", $"{p.Video.GopSeconds} is out of range; use 1 to 10");
                }
                if (p.Video.Renditions is null || p.Video.Renditions.Count == 0)
                {
                    ctx.AddFailure("Video.Renditions", "at least one rendition is required");
                }
                else
                {
                    var passthrough = 0;
                    for (var i = 0; i < p.Video.Renditions.Count; i++)
                    {
                        var r = p.Video.Renditions[i];
                        var path = $"Video.Renditions[{i}]";
                        if (renditionNames.Contains(r.Name))
                        {
                            ctx.AddFailure(path + ".Name", $"duplicate rendition name \"{r.Name}\"");
                        }
                        renditionNames.Add(r.Name);
                        if (r.Passthrough)
                        {
                            if (++passthrough > 1)
                            {
                                ctx.AddFailure(path + ".Passthrough", "at most one rendition may be passthrough");
                            }
                            continue;
                        }
                        if (r.Width is not (>= 16 and <= 7680) || r.Width % 2 != 0)
                        {
                            ctx.AddFailure(path + ".Width", "an even number from 16 to 7680 is required");
                        }
                        if (r.Height is not (>= 16 and <= 4320) || r.Height % 2 != 0)
                        {
                            ctx.AddFailure(path + ".Height", "an even number from 16 to 4320 is required");
                        }
                        if (r.Bitrate is not > 0)
                        {
                            ctx.AddFailure(path + ".Bitrate", "a positive bitrate is required");
                        }
                        if (r.MaxBitrate is not > 0 || r.MaxBitrate < r.Bitrate)
                        {
                            ctx.AddFailure(path + ".MaxBitrate", "a bitrate not below bitrate is required");
                        }
                        if (r.BufferSize is not > 0)
                        {
                            ctx.AddFailure(path + ".BufferSize", "a positive size is required");
                        }
                        if (r.Profile is null)
                        {
                            ctx.AddFailure(path + ".Profile", "required");
                        }
                    }
                }
            }
            if (p.Audio is null)
            {
                ctx.AddFailure("Audio", "required");
            }
            else if (p.Audio.Bitrate <= 0 || p.Audio.Channels is < 1 or > 8 || !SpecRules.SampleRates.Contains(p.Audio.SampleRate))
            {
                ctx.AddFailure("Audio", "bitrate, channels (1 to 8) and a supported sampleRate are required");
            }
            if (p.Outputs is null)
            {
                ctx.AddFailure("Outputs", "required");
                return;
            }
            if (p.Outputs.Hls is null || p.Outputs.Dash is null || p.Outputs.Push is null)
            {
                ctx.AddFailure("Outputs", "hls, dash and push are required");
                return;
            }
            if (!p.Outputs.Hls.Enabled && !p.Outputs.Dash.Enabled && p.Outputs.Push.Count == 0)
            {
                ctx.AddFailure("Outputs", "every output is disabled; enable hls or dash, or add a push target");
            }
            if (p.Video is { GopSeconds: >= 1 and <= 10 } && SpecRules.CheckSegmentDuration(p.Outputs.Hls.SegmentDuration, p.Video.GopSeconds) is { } segError)
            {
                ctx.AddFailure("Outputs.Hls.SegmentDuration", segError);
            }
            if (p.Outputs.Hls.LowLatency is { } lowLatency)
            {
                if (SpecRules.CheckPartTargetDuration(lowLatency.PartTargetDuration, p.Outputs.Hls.SegmentDuration) is { } partError)
                {
                    ctx.AddFailure("Outputs.Hls.LowLatency.PartTargetDuration", partError);
                }
                if (p.Outputs.Hls.Container != HlsContainer.Fmp4)
                {
                    ctx.AddFailure("Outputs.Hls.LowLatency", "low-latency parts are CMAF chunks; set container to fmp4");
                }
            }
            if (p.Outputs.Dash.LowLatency is { } dashLowLatency)
            {
                if (SpecRules.CheckTargetLatency(dashLowLatency.TargetLatency) is { } latencyError)
                {
                    ctx.AddFailure("Outputs.Dash.LowLatency.TargetLatency", latencyError);
                }
                if ((SpecRules.CheckPartTargetDuration(dashLowLatency.ChunkDuration, p.Outputs.Dash.SegmentDuration)
                    ?? (p.Outputs.Hls is { Enabled: true, LowLatency: { } parts } ? SpecRules.CheckChunkMatchesPart(dashLowLatency.ChunkDuration, parts.PartTargetDuration) : null)) is { } chunkError)
                {
                    ctx.AddFailure("Outputs.Dash.LowLatency.ChunkDuration", chunkError);
                }
            }
            if (p.Outputs.Hls.Window is < 2 or > 100)
            {
                ctx.AddFailure("Outputs.Hls.Window", $"{p.Outputs.Hls.Window} is out of range; use 2 to 100");
            }
            var pushNames = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < p.Outputs.Push.Count; i++)
            {
                var t = p.Outputs.Push[i];
                if (!pushNames.Add(t.Name))
                {
                    ctx.AddFailure($"Outputs.Push[{i}].Name", $"duplicate push target name \"{t.Name}\"");
                }
                var scheme = SpecRules.SchemeOf(t.Url ?? "");
                if (scheme is null || !SpecRules.PushSchemes.Contains(scheme))
                {
                    ctx.AddFailure($"Outputs.Push[{i}].Url", SpecRules.CheckUrl(t.Url, SpecRules.PushSchemes) ?? "not a valid URL");
                }
                if (renditionNames.Count > 0 && SpecRules.CheckPushRendition(t.Rendition, renditionNames) is { } rError)
                {
                    ctx.AddFailure($"Outputs.Push[{i}].Rendition", rError);
                }
            }
        });
    }

    /// <summary>The input protocol for a URL scheme.</summary>
    public static InputProtocol ProtocolOf(string scheme) => scheme switch
    {
        "rtmp" => InputProtocol.Rtmp,
        "srt" => InputProtocol.Srt,
        "rtsp" => InputProtocol.Rtsp,
        "http" or "https" => InputProtocol.Hls,
        "udp" => InputProtocol.Udp,
        _ => InputProtocol.File,
    };
}
