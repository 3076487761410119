using FluentValidation;

namespace Ladder.Api.Validation;

/// <summary>Checks of object metadata.</summary>
internal static class MetadataRules
{
    public static void CheckName<T>(string? name, ValidationContext<T> ctx, int maxLength = 253)
    {
        if (string.IsNullOrEmpty(name))
        {
            ctx.AddFailure("required");
        }
        else if (name.Length > maxLength || !(maxLength <= 63 ? SpecRules.DnsLabel() : SpecRules.DnsSubdomain()).IsMatch(name))
        {
            ctx.AddFailure(maxLength <= 63
                ? $"\"{name}\" is not a valid name; use at most {maxLength} lower-case letters, digits and '-', starting and ending with a letter or digit"
                : $"\"{name}\" is not a valid name; use lower-case letters, digits, '-' and '.', at most {maxLength} characters");
        }
    }
}
