using FluentValidation;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>Validates a TranscodeProfile: its name and its spec (<see cref="TranscodeProfileSpecValidator"/>).</summary>
public sealed class TranscodeProfileValidator : AbstractValidator<TranscodeProfile>
{
    /// <summary>Creates the validator.</summary>
    public TranscodeProfileValidator()
    {
        RuleFor(x => x.Metadata.Name).Custom((name, ctx) => MetadataRules.CheckName(name, ctx));
        RuleFor(x => x.Spec).NotNull().WithMessage("required");
        RuleFor(x => x.Spec!).SetValidator(new TranscodeProfileSpecValidator()).When(x => x.Spec is not null);
    }
}
