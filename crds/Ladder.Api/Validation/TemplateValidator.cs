using FluentValidation;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

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
