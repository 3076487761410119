using FluentValidation;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>Validates one input.</summary>
public sealed class StreamInputValidator : AbstractValidator<StreamInput>
{
    /// <summary>Creates the validator.</summary>
    public StreamInputValidator()
    {
        RuleFor(x => x).Custom((input, ctx) =>
        {
            if (EndpointRules.CheckNameAndUrl(ctx, input.Name, input.Url, SpecRules.InputSchemes) is not { } scheme)
            {
                return;
            }
            if (input.Mode == InputMode.Listen && scheme is "rtsp" or "http" or "https" or "file")
            {
                ctx.AddFailure("Mode", $"a {scheme} input can only pull; remove mode or set pull");
            }
            if (input.StreamKey is not null && scheme is not ("rtmp" or "srt"))
            {
                ctx.AddFailure("StreamKey", $"streamKey applies only to rtmp and srt inputs, not {scheme}");
            }
            EndpointRules.CheckSrtScheme(ctx, input.Srt, scheme, "inputs");
            EndpointRules.CheckSecrets(ctx, input.StreamKey, input.Srt);
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
