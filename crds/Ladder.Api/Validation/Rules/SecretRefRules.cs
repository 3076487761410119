using FluentValidation;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

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
