using FluentValidation;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>
/// Validates a transcode profile spec, standalone (<c>spec</c> of a TranscodeProfile) or inline
/// (<c>spec.profile</c> of a LiveStream or Template).
/// </summary>
public sealed class TranscodeProfileSpecValidator : AbstractValidator<TranscodeProfileSpec>
{
    /// <summary>Creates the validator.</summary>
    public TranscodeProfileSpecValidator()
    {
        RuleFor(x => x.Video).NotNull().WithMessage("required");
        RuleFor(x => x.Video!).SetValidator(new VideoSpecValidator()).When(x => x.Video is not null);
        RuleFor(x => x.Audio!).SetValidator(new AudioSpecValidator()).When(x => x.Audio is not null);
    }
}
