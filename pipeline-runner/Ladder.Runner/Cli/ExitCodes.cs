namespace Ladder.Runner.Cli;

/// <summary>The process exit codes of <c>ladder-runner</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Success; for <c>run</c>, a clean shutdown on SIGINT/SIGTERM.</summary>
    public const int Ok = 0;

    /// <summary>The pipeline could not start or the runner failed at run time (FFmpeg missing, a port in use).</summary>
    public const int Failure = 1;

    /// <summary>The manifest or spec is invalid; each problem is printed with its file and field path.</summary>
    public const int Invalid = 2;
}
