using Ladder.Api.Validation;

namespace Ladder.Operator.Runner;

/// <summary>
/// A runner admin API call failed. <see cref="Unreachable"/> means the runner could not be asked (not started, no
/// endpoint, timeout); <see cref="Errors"/> lists the fields of a spec the runner refused (HTTP 422). The message names
/// the call and the address and never holds the token or a stream key.
/// </summary>
public sealed class RunnerAdminException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunnerAdminException(string message, bool unreachable, IReadOnlyList<FieldError>? errors = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Unreachable = unreachable;
        Errors = errors ?? [];
    }

    /// <summary>Creates the exception.</summary>
    public RunnerAdminException()
        : this("the runner admin API call failed", unreachable: true)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RunnerAdminException(string message)
        : this(message, unreachable: true)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RunnerAdminException(string message, Exception innerException)
        : this(message, unreachable: true, null, innerException)
    {
    }

    /// <summary>True when no answer came (connection refused, DNS, timeout): the runner is probably starting.</summary>
    public bool Unreachable { get; }

    /// <summary>The fields the runner refused (a 422 answer); empty otherwise.</summary>
    public IReadOnlyList<FieldError> Errors { get; }
}
