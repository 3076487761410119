namespace Ladder.Runner.Cli;

/// <summary>A manifest or spec file could not be turned into a valid PipelineSpec; <see cref="Problems"/> names each field.</summary>
internal sealed class SpecLoadException : Exception
{
    /// <summary>Wraps the problems (at least one), each <c>file: Kind namespace/name: field.path: message</c>.</summary>
    public SpecLoadException(IReadOnlyList<string> problems)
        : base(string.Join('\n', problems)) => Problems = problems;

    /// <summary>Each problem, one line each.</summary>
    public IReadOnlyList<string> Problems { get; }
}
