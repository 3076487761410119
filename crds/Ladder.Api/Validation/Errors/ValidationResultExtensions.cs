using FluentValidation.Results;

namespace Ladder.Api.Validation;

/// <summary>Turns FluentValidation results into <see cref="FieldError"/>s with camelCase field paths.</summary>
public static class ValidationResultExtensions
{
    /// <summary>The failures as field errors, in the order found, without duplicates.</summary>
    public static IReadOnlyList<FieldError> ToFieldErrors(this ValidationResult result, string pathPrefix = "")
    {
        var seen = new HashSet<FieldError>();
        var list = new List<FieldError>();
        foreach (var failure in result.Errors)
        {
            var path = CamelPath(failure.PropertyName);
            if (pathPrefix.Length > 0)
            {
                path = path.Length == 0 ? pathPrefix : pathPrefix + "." + path;
            }
            var error = new FieldError(path, failure.ErrorMessage);
            if (seen.Add(error))
            {
                list.Add(error);
            }
        }
        return list;
    }

    /// <summary>Throws <see cref="SpecResolutionException"/> when the result has failures.</summary>
    public static void ThrowIfInvalid(this ValidationResult result)
    {
        if (!result.IsValid)
        {
            throw new SpecResolutionException(result.ToFieldErrors());
        }
    }

    /// <summary><c>Spec.Inputs[1].Url</c> to <c>spec.inputs[1].url</c>: lower-cases the first letter of each segment.</summary>
    public static string CamelPath(string propertyPath)
    {
        if (string.IsNullOrEmpty(propertyPath))
        {
            return "";
        }
        var chars = propertyPath.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if ((i == 0 || chars[i - 1] == '.') && char.IsAsciiLetterUpper(chars[i]))
            {
                chars[i] = char.ToLowerInvariant(chars[i]);
            }
        }
        return new string(chars);
    }
}
