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

    /// <summary>
    /// The name must be a DNS-1035 label (at most 63 characters, starting with a letter): it names a Service, which
    /// the API server refuses otherwise. The CRD schema bounds metadata.name the same way (<see cref="V1Alpha1.LiveStream.NamePattern"/>).
    /// </summary>
    public static void CheckDns1035Name<T>(string? name, ValidationContext<T> ctx)
    {
        if (string.IsNullOrEmpty(name))
        {
            ctx.AddFailure("required");
        }
        else if (name.Length > 63 || !SpecRules.Dns1035Label().IsMatch(name))
        {
            ctx.AddFailure($"\"{name}\" is not a valid name: it names the runner Service, so it must be a DNS-1035 label: at most 63 lower-case letters, digits and '-', starting with a letter and ending with a letter or digit");
        }
    }
}
