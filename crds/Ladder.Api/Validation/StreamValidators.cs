using FluentValidation;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>
/// Validates a LiveStream on its own, with no lookups: what the API server's schema and CEL rules check, with
/// clearer messages, plus what they cannot (URL forms, codec levels, ...). A stream without templateRef must
/// be complete (inputs and a profile); with one, missing fields may come from the Template, which
/// <see cref="Resolution.PipelineResolver"/> checks after merging.
/// </summary>
public sealed class LiveStreamValidator : AbstractValidator<LiveStream>
{
    /// <summary>Creates the validator.</summary>
    public LiveStreamValidator()
    {
        RuleFor(x => x.Metadata.Name).Custom((name, ctx) => MetadataRules.CheckName(name, ctx, maxLength: 63));
        RuleFor(x => x.Spec).NotNull().WithMessage("required");
        RuleFor(x => x.Spec!).SetValidator(s => new LiveStreamSpecValidator(requireComplete: s.Spec!.TemplateRef is null)).When(x => x.Spec is not null);
        RuleFor(x => x.Spec!.TemplateRef!.Name).NotEmpty().WithMessage("required").When(x => x.Spec?.TemplateRef is not null);
    }
}

/// <summary>Validates a Template: its name and its spec, in which every field is optional.</summary>
public sealed class TemplateValidator : AbstractValidator<Template>
{
    /// <summary>Creates the validator.</summary>
    public TemplateValidator()
    {
        RuleFor(x => x.Metadata.Name).Custom((name, ctx) => MetadataRules.CheckName(name, ctx));
        RuleFor(x => x.Spec).NotNull().WithMessage("required");
        RuleFor(x => x.Spec!).SetValidator(new LiveStreamSpecValidator(requireComplete: false)).When(x => x.Spec is not null);
    }
}

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

/// <summary>Validates one input.</summary>
public sealed class StreamInputValidator : AbstractValidator<StreamInput>
{
    /// <summary>Creates the validator.</summary>
    public StreamInputValidator()
    {
        RuleFor(x => x).Custom((input, ctx) =>
        {
            if (SpecRules.CheckItemName(input.Name) is { } nameError)
            {
                ctx.AddFailure("Name", nameError);
            }
            if (SpecRules.CheckUrl(input.Url, SpecRules.InputSchemes) is { } urlError)
            {
                ctx.AddFailure("Url", urlError);
                return;
            }
            var scheme = SpecRules.SchemeOf(input.Url!)!;
            if (input.Mode == InputMode.Listen && scheme is "rtsp" or "http" or "https" or "file")
            {
                ctx.AddFailure("Mode", $"a {scheme} input can only pull; remove mode or set pull");
            }
            if (input.StreamKey is not null && scheme is not ("rtmp" or "srt"))
            {
                ctx.AddFailure("StreamKey", $"streamKey applies only to rtmp and srt inputs, not {scheme}");
            }
            if (input.Srt is not null && scheme != "srt")
            {
                ctx.AddFailure("Srt", $"srt settings apply only to srt inputs, not {scheme}");
            }
            SecretRefRules.Check(ctx, "StreamKey", input.StreamKey);
            SrtRules.Check(ctx, "Srt", input.Srt);
            if (input.Options is { } options)
            {
                if (options.Count > 32)
                {
                    ctx.AddFailure("Options", $"{options.Count} options; at most 32 are allowed");
                }
                foreach (var key in options.Keys.Order(StringComparer.Ordinal))
                {
                    if (!SpecRules.OptionName().IsMatch(key))
                    {
                        ctx.AddFailure("Options", $"\"{key}\" is not a libavformat option name (lower-case letters, digits and '_')");
                    }
                    else if (key is "passphrase" or "streamid")
                    {
                        ctx.AddFailure("Options", $"option \"{key}\" carries a secret; use {(key == "passphrase" ? "srt.passphrase" : "streamKey")} with a secretKeyRef");
                    }
                }
            }
        });
    }
}

/// <summary>Validates the failover timings.</summary>
public sealed class FailoverSpecValidator : AbstractValidator<FailoverSpec>
{
    /// <summary>Creates the validator.</summary>
    public FailoverSpecValidator()
    {
        RuleFor(x => x).Custom((f, ctx) =>
        {
            if (f.InputTimeout is Duration t && (t < Duration.FromMilliseconds(100) || t > Duration.FromSeconds(60)))
            {
                ctx.AddFailure("InputTimeout", $"{t} is out of range; use 100ms to 60s");
            }
            if (f.FailbackDelay is Duration d && d > Duration.FromSeconds(3600))
            {
                ctx.AddFailure("FailbackDelay", $"{d} is out of range; use 0s to 1h");
            }
        });
    }
}

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

/// <summary>Validates one push target.</summary>
public sealed class PushTargetValidator : AbstractValidator<PushTarget>
{
    /// <summary>Creates the validator.</summary>
    public PushTargetValidator()
    {
        RuleFor(x => x).Custom((p, ctx) =>
        {
            if (SpecRules.CheckItemName(p.Name) is { } nameError)
            {
                ctx.AddFailure("Name", nameError);
            }
            if (SpecRules.CheckUrl(p.Url, SpecRules.PushSchemes) is { } urlError)
            {
                ctx.AddFailure("Url", urlError);
                return;
            }
            var scheme = SpecRules.SchemeOf(p.Url!)!;
            if (p.Srt is not null && scheme != "srt")
            {
                ctx.AddFailure("Srt", $"srt settings apply only to srt targets, not {scheme}");
            }
            if (p.Rendition is not null && SpecRules.CheckItemName(p.Rendition) is not null)
            {
                ctx.AddFailure("Rendition", $"\"{p.Rendition}\" is not a rendition name");
            }
            SecretRefRules.Check(ctx, "StreamKey", p.StreamKey);
            SrtRules.Check(ctx, "Srt", p.Srt);
        });
    }
}

/// <summary>Validates the runner pod settings.</summary>
public sealed class RunnerSpecValidator : AbstractValidator<RunnerSpec>
{
    /// <summary>Creates the validator.</summary>
    public RunnerSpecValidator()
    {
        RuleFor(x => x).Custom((r, ctx) =>
        {
            if (r.Image is { } image && (image.Length == 0 || image.Any(char.IsWhiteSpace)))
            {
                ctx.AddFailure("Image", $"\"{image}\" is not an image reference");
            }
            CheckQuantities(ctx, "Resources.Requests", r.Resources?.Requests);
            CheckQuantities(ctx, "Resources.Limits", r.Resources?.Limits);
            if (r.Tolerations is { } tolerations)
            {
                for (var i = 0; i < tolerations.Count; i++)
                {
                    var t = tolerations[i];
                    if (t.Operator is not (null or "Exists" or "Equal"))
                    {
                        ctx.AddFailure($"Tolerations[{i}].Operator", $"\"{t.Operator}\" is not supported; use Exists or Equal");
                    }
                    if (t.Effect is not (null or "" or "NoSchedule" or "PreferNoSchedule" or "NoExecute"))
                    {
                        ctx.AddFailure($"Tolerations[{i}].Effect", $"\"{t.Effect}\" is not supported; use NoSchedule, PreferNoSchedule or NoExecute");
                    }
                    if (t.Operator == "Exists" && !string.IsNullOrEmpty(t.Value))
                    {
                        ctx.AddFailure($"Tolerations[{i}].Value", "must be empty with operator Exists");
                    }
                }
            }
        });
    }

    private static void CheckQuantities<T>(ValidationContext<T> ctx, string path, IDictionary<string, ResourceQuantity>? quantities)
    {
        if (quantities is null)
        {
            return;
        }
        foreach (var (name, q) in quantities.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!q.IsValid)
            {
                ctx.AddFailure($"{path}[{name}]", $"\"{q}\" is not a quantity; use e.g. 500m, 2, 1Gi");
            }
        }
    }
}

/// <summary>Checks of secretKeyRef values.</summary>
internal static class SecretRefRules
{
    public static void Check<T>(ValidationContext<T> ctx, string path, SecretValueSource? source)
    {
        if (source is null)
        {
            return;
        }
        if (source.SecretKeyRef is null)
        {
            ctx.AddFailure(path + ".SecretKeyRef", "required");
            return;
        }
        if (string.IsNullOrEmpty(source.SecretKeyRef.Name))
        {
            ctx.AddFailure(path + ".SecretKeyRef.Name", "required");
        }
        if (string.IsNullOrEmpty(source.SecretKeyRef.Key))
        {
            ctx.AddFailure(path + ".SecretKeyRef.Key", "required");
        }
    }
}

/// <summary>Checks of SRT settings.</summary>
internal static class SrtRules
{
    public static void Check<T>(ValidationContext<T> ctx, string path, SrtSettings? srt)
    {
        if (srt is null)
        {
            return;
        }
        if (srt.Latency is Duration l && (l < Duration.FromMilliseconds(20) || l > Duration.FromSeconds(10)))
        {
            ctx.AddFailure(path + ".Latency", $"{l} is out of range; use 20ms to 10s");
        }
        SecretRefRules.Check(ctx, path + ".Passphrase", srt.Passphrase);
    }
}
