using FluentValidation;
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
        RuleFor(x => x.Metadata.Name).Custom(MetadataRules.CheckDns1035Name);
        RuleFor(x => x.Spec).NotNull().WithMessage("required");
        RuleFor(x => x.Spec!).SetValidator(s => new LiveStreamSpecValidator(requireComplete: s.Spec!.TemplateRef is null)).When(x => x.Spec is not null);
        RuleFor(x => x.Spec!.TemplateRef!.Name).NotEmpty().WithMessage("required").When(x => x.Spec?.TemplateRef is not null);
    }
}
