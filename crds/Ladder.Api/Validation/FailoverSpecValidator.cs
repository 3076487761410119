using FluentValidation;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

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
