using FluentValidation;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

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
