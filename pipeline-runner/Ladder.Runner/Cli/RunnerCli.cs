using System.CommandLine;
using Ladder.Runner.Pipeline;

namespace Ladder.Runner.Cli;

/// <summary>The <c>ladder-runner</c> command line: <c>run</c> and <c>validate</c>.</summary>
internal static class RunnerCli
{
    /// <summary>Creates the root command.</summary>
    /// <param name="createRuntime">Creates the media side for <c>run</c>.</param>
    public static RootCommand Create(Func<IServiceProvider, IPipelineRuntime> createRuntime) =>
        new("ladder-runner: runs one Ladder live stream (ingest, ABR transcode, HLS/DASH origin), in a pod or standalone on a manifest file.")
        {
            RunCommand.Create(createRuntime),
            ValidateCommand.Create(),
        };

    /// <summary>
    /// How commands are invoked: System.CommandLine leaves SIGINT/SIGTERM to the web host, which stops the pipeline
    /// (drain) and then Kestrel within <see cref="Hosting.RunnerApp.ShutdownTimeout"/>.
    /// </summary>
    public static InvocationConfiguration Invocation(TextWriter? output = null, TextWriter? error = null) => new()
    {
        ProcessTerminationTimeout = null,
        Output = output ?? Console.Out,
        Error = error ?? Console.Error,
    };
}
