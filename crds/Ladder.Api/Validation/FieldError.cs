using System.Text;
using FluentValidation.Results;

namespace Ladder.Api.Validation;

/// <summary>One problem with a field: <c>spec.inputs[1].url: scheme "ftp" is not supported; use ...</c>.</summary>
/// <param name="Path">The field path in the object as written in YAML, camelCase, e.g. <c>spec.inputs[1].url</c>.</param>
/// <param name="Message">What is wrong and, where possible, what to write instead.</param>
public sealed record FieldError(string Path, string Message)
{
    /// <summary><c>path: message</c>.</summary>
    public override string ToString() => string.IsNullOrEmpty(Path) ? Message : Path + ": " + Message;
}

/// <summary>
/// A spec could not be validated or resolved into a PipelineSpec. <see cref="Errors"/> lists every problem
/// found, each naming its field; the message joins them one per line.
/// </summary>
public sealed class SpecResolutionException : Exception
{
    /// <summary>Wraps the errors (at least one).</summary>
    public SpecResolutionException(IReadOnlyList<FieldError> errors)
        : base(Format(errors)) => Errors = errors;

    /// <summary>Creates an exception with one error.</summary>
    public SpecResolutionException(string path, string message)
        : this([new FieldError(path, message)])
    {
    }

    /// <summary>Creates an exception with a plain message.</summary>
    public SpecResolutionException()
        : this("", "the spec could not be resolved")
    {
    }

    /// <summary>Creates an exception with a plain message.</summary>
    public SpecResolutionException(string message)
        : this("", message)
    {
    }

    /// <summary>Creates an exception with a plain message and a cause.</summary>
    public SpecResolutionException(string message, Exception innerException)
        : base(message, innerException) => Errors = [new FieldError("", message)];

    /// <summary>Every problem found, in field order.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    private static string Format(IReadOnlyList<FieldError> errors)
    {
        if (errors.Count == 1)
        {
            return errors[0].ToString();
        }
        var sb = new StringBuilder().Append(errors.Count).Append(" problems:");
        foreach (var e in errors)
        {
            sb.Append('\n').Append("  ").Append(e);
        }
        return sb.ToString();
    }
}

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
