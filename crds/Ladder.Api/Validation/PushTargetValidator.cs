using FluentValidation;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>Validates one push target.</summary>
public sealed class PushTargetValidator : AbstractValidator<PushTarget>
{
    /// <summary>Creates the validator.</summary>
    public PushTargetValidator()
    {
        RuleFor(x => x).Custom((p, ctx) =>
        {
            if (EndpointRules.CheckNameAndUrl(ctx, p.Name, p.Url, SpecRules.PushSchemes) is not { } scheme)
            {
                return;
            }
            EndpointRules.CheckSrtScheme(ctx, p.Srt, scheme, "targets");
            if (p.Rendition is not null && SpecRules.CheckItemName(p.Rendition) is not null)
            {
                ctx.AddFailure("Rendition", $"\"{p.Rendition}\" is not a rendition name");
            }
            EndpointRules.CheckSecrets(ctx, p.StreamKey, p.Srt);
        });
    }
}
