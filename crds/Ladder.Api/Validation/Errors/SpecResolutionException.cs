using System.Text;

namespace Ladder.Api.Validation;

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
