using FluentValidation;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>Validates the outputs on their own (the resolver checks them against the profile).</summary>
public sealed class OutputSpecValidator : AbstractValidator<OutputSpec>
{
    /// <summary>Creates the validator.</summary>
    public OutputSpecValidator()
    {
        RuleFor(x => x).Custom((o, ctx) =>
        {
            if (o.Hls?.SegmentDuration is Duration seg && (seg < Duration.FromSeconds(1) || seg > Duration.FromSeconds(30)))
            {
                ctx.AddFailure("Hls.SegmentDuration", $"{seg} is out of range; use 1s to 30s");
            }
            if (o.Hls?.Window is int w && (w < 2 || w > 100))
            {
                ctx.AddFailure("Hls.Window", $"{w} is out of range; use 2 to 100 segments");
            }
            if (o.Hls?.LowLatency?.PartTargetDuration is Duration part && SpecRules.CheckPartTargetDuration(part, o.Hls.SegmentDuration) is { } partError)
            {
                ctx.AddFailure("Hls.LowLatency.PartTargetDuration", partError);
            }
            if (o.Dash?.LowLatency?.TargetLatency is Duration latency && SpecRules.CheckTargetLatency(latency) is { } latencyError)
            {
                ctx.AddFailure("Dash.LowLatency.TargetLatency", latencyError);
            }
            if (o.Dash?.LowLatency?.ChunkDuration is Duration chunk
                && (SpecRules.CheckPartTargetDuration(chunk, o.Hls?.SegmentDuration)
                    ?? (o.Hls?.LowLatency is { Enabled: true } parts
                        ? SpecRules.CheckChunkMatchesPart(chunk, parts.PartTargetDuration ?? Duration.Parse(Defaults.PartTargetDuration))
                        : null)) is { } chunkError)
            {
                ctx.AddFailure("Dash.LowLatency.ChunkDuration", chunkError);
            }
            if (o.Dash?.Window is int dw && (dw < 2 || dw > 100))
            {
                ctx.AddFailure("Dash.Window", $"{dw} is out of range; use 2 to 100 segments");
            }
            if (o.Push is { Count: > 8 })
            {
                ctx.AddFailure("Push", $"{o.Push.Count} push targets; at most 8 are allowed");
            }
        });
        RuleForEach(x => x.Push).SetValidator(new PushTargetValidator());
    }
}
