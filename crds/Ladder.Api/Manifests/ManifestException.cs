namespace Ladder.Api.Manifests;

/// <summary>A manifest could not be read; <see cref="Problems"/> lists each problem with file, line and field.</summary>
public sealed class ManifestException : Exception
{
    /// <summary>Wraps the problems (at least one).</summary>
    public ManifestException(IReadOnlyList<string> problems)
        : base(problems.Count == 1 ? problems[0] : problems.Count + " problems:\n  " + string.Join("\n  ", problems)) => Problems = problems;

    /// <summary>Wraps the problems (at least one) and the objects that were read without any.</summary>
    public ManifestException(IReadOnlyList<string> problems, ManifestSet readable)
        : this(problems) => Readable = readable;

    /// <summary>Creates an exception with one problem.</summary>
    public ManifestException(string message)
        : this([message])
    {
    }

    /// <summary>Creates an exception with one problem.</summary>
    public ManifestException()
        : this("the manifest could not be read")
    {
    }

    /// <summary>Creates an exception with one problem and a cause.</summary>
    public ManifestException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    /// <summary>Each problem: <c>file:line:column: Kind "name": field: message</c>.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The objects read without a problem, so a validator can report theirs in the same run; empty when not known.</summary>
    public ManifestSet Readable { get; } = new([]);
}
