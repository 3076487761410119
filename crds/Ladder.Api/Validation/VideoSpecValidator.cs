using FluentValidation;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>Validates the video settings and the ladder.</summary>
public sealed class VideoSpecValidator : AbstractValidator<VideoSpec>
{
    /// <summary>Creates the validator.</summary>
    public VideoSpecValidator()
    {
        RuleFor(x => x).Custom((v, ctx) =>
        {
            var hardware = v.Hardware ?? HardwareAcceleration.None;
            var codec = v.Codec ?? VideoCodec.H264;
            if (v.Preset is not null)
            {
                var presets = SpecRules.Presets(hardware);
                var encoder = SpecRules.VideoEncoder(codec, hardware);
                if (presets.Count == 0)
                {
                    ctx.AddFailure("Preset", $"{encoder} has no presets; remove preset");
                }
                else if (!presets.Contains(v.Preset))
                {
                    ctx.AddFailure("Preset", $"\"{v.Preset}\" is not a {encoder} preset; use {WireEnum.JoinOr(presets)}");
                }
            }
            if (v.GopSeconds is int gop && (gop < 1 || gop > 10))
            {
                ctx.AddFailure("GopSeconds", $"{gop} is out of range; use 1 to 10 seconds");
            }
            if (v.MaxResolution is { } max)
            {
                CheckDimension(ctx, "MaxResolution.Width", max.Width, 7680, requireEven: false);
                CheckDimension(ctx, "MaxResolution.Height", max.Height, 4320, requireEven: false);
            }
            if (v.Renditions is null || v.Renditions.Count == 0)
            {
                ctx.AddFailure("Renditions", "at least one rendition is required");
                return;
            }
            if (v.Renditions.Count > 8)
            {
                ctx.AddFailure("Renditions", $"{v.Renditions.Count} renditions; at most 8 are allowed");
            }
        });
        RuleForEach(x => x.Renditions).SetValidator((video, _) => new RenditionValidator(video.Codec ?? VideoCodec.H264, video.MaxResolution));
        RuleFor(x => x).Custom((v, ctx) =>
        {
            if (v.Renditions is null)
            {
                return;
            }
            var names = new Dictionary<string, int>(StringComparer.Ordinal);
            int? firstPassthrough = null;
            for (var i = 0; i < v.Renditions.Count; i++)
            {
                var r = v.Renditions[i];
                if (r is null)
                {
                    ctx.AddFailure($"Renditions[{i}]", "must not be null");
                    continue;
                }
                if (r.Name is not null && !names.TryAdd(r.Name, i))
                {
                    ctx.AddFailure($"Renditions[{i}].Name", $"duplicate rendition name \"{r.Name}\" (renditions[{names[r.Name]}] has it)");
                }
                if (r.Passthrough == true)
                {
                    if (firstPassthrough is int first)
                    {
                        ctx.AddFailure($"Renditions[{i}].Passthrough", $"at most one rendition may be passthrough; renditions[{first}] already is");
                    }
                    else
                    {
                        firstPassthrough = i;
                    }
                }
            }
        });
    }

    internal static void CheckDimension<T>(ValidationContext<T> ctx, string field, int? value, int max, bool requireEven)
    {
        if (value is null)
        {
            ctx.AddFailure(field, "required");
        }
        else if (value < 16 || value > max)
        {
            ctx.AddFailure(field, $"{value} is out of range; use 16 to {max}");
        }
        else if (requireEven && value % 2 != 0)
        {
            ctx.AddFailure(field, $"{value} must be even (4:2:0 chroma)");
        }
    }
}
