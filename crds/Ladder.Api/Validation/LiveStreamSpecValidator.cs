using FluentValidation;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>
/// Validates the fields a LiveStream and a Template share. With <c>requireComplete</c>, inputs and a profile
/// must be present (a stream without template, or a stream merged with its Template).
/// </summary>
public sealed class LiveStreamSpecValidator : AbstractValidator<LiveStreamSpecBase>
{
    /// <summary>Creates the validator.</summary>
    /// <param name="requireComplete">Require inputs and a profile.</param>
    /// <param name="templateName">When validating a merged spec: the Template it inherits from, named in messages.</param>
    public LiveStreamSpecValidator(bool requireComplete, string? templateName = null)
    {
        var where = templateName is null ? "" : $" (here or in Template \"{templateName}\")";
        RuleFor(x => x).Custom((s, ctx) =>
        {
            if (s.ProfileRef is not null && s.Profile is not null)
            {
                ctx.AddFailure("Profile", "set either spec.profileRef or spec.profile, not both");
            }
            if (requireComplete && s.ProfileRef is null && s.Profile is null)
            {
                ctx.AddFailure("ProfileRef", $"a profile is required; set spec.profileRef or spec.profile{where}");
            }
            if (s.ProfileRef is not null && string.IsNullOrEmpty(s.ProfileRef.Name))
            {
                ctx.AddFailure("ProfileRef.Name", "required");
            }
            if (s.Inputs is null || s.Inputs.Count == 0)
            {
                if (requireComplete)
                {
                    ctx.AddFailure("Inputs", $"at least one input is required{where}");
                }
            }
            else if (s.Inputs.Count > 8)
            {
                ctx.AddFailure("Inputs", $"{s.Inputs.Count} inputs; at most 8 are allowed");
            }
            // Cross-field checks with an inline profile; with profileRef the resolver makes them.
            if (s.Profile?.Video is { } video && s.ProfileRef is null)
            {
                var gop = video.GopSeconds ?? Defaults.GopSeconds;
                if (s.Outputs?.Hls?.SegmentDuration is Duration seg && gop is >= 1 and <= 10 && SpecRules.CheckSegmentDuration(seg, gop) is { } segError)
                {
                    ctx.AddFailure("Outputs.Hls.SegmentDuration", segError);
                }
                var names = video.Renditions?.Where(r => r?.Name is not null).Select(r => r.Name!).ToList() ?? [];
                if (names.Count > 0 && s.Outputs?.Push is { } targets)
                {
                    for (var i = 0; i < targets.Count; i++)
                    {
                        if (targets[i]?.Rendition is { } rendition && SpecRules.CheckPushRendition(rendition, names) is { } renditionError)
                        {
                            ctx.AddFailure($"Outputs.Push[{i}].Rendition", renditionError);
                        }
                    }
                }
            }
        });
        RuleFor(x => x.Profile!).SetValidator(new TranscodeProfileSpecValidator()).When(x => x.Profile is not null);
        RuleForEach(x => x.Inputs).SetValidator(new StreamInputValidator());
        RuleFor(x => x.Inputs).Custom((inputs, ctx) => CheckUniqueNames(ctx, "Inputs", "input", inputs?.Select(i => i?.Name).ToList() ?? []));
        RuleFor(x => x.Failover!).SetValidator(new FailoverSpecValidator()).When(x => x.Failover is not null);
        RuleFor(x => x.Outputs!).SetValidator(new OutputSpecValidator()).When(x => x.Outputs is not null);
        RuleFor(x => x.Outputs).Custom((outputs, ctx) => CheckUniqueNames(ctx, "Outputs.Push", "push target", outputs?.Push?.Select(p => p?.Name).ToList() ?? []));
        RuleFor(x => x.Runner!).SetValidator(new RunnerSpecValidator()).When(x => x.Runner is not null);
    }

    private static void CheckUniqueNames<T>(ValidationContext<T> ctx, string listPath, string what, List<string?> names)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] is { } name && !seen.TryAdd(name, i))
            {
                ctx.AddFailure($"{listPath}[{i}].Name", $"duplicate {what} name \"{name}\" ({ValidationResultExtensions.CamelPath(listPath)}[{seen[name]}] has it)");
            }
        }
    }
}
