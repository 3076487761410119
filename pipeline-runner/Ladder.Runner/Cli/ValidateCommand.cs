using System.CommandLine;

namespace Ladder.Runner.Cli;

/// <summary>
/// <c>ladder-runner validate -f manifest.yaml</c>: reads and validates every object, resolves every LiveStream, prints
/// every problem at once as <c>file:line:column: Kind namespace/name: field.path: message</c> (the line of the field) on
/// stderr and exits 2, or prints <c>file: valid</c> and exits 0. Any damage to the file, a YAML syntax error included,
/// is a problem to report, never an exception.
/// </summary>
internal static class ValidateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var file = new Option<FileInfo>("--file", "-f")
        {
            Description = "A manifest file: LiveStreams with their TranscodeProfiles, Templates and Secrets (multi-document YAML).",
            Required = true,
        };
        var command = new Command("validate", "Check a manifest file with the operator's validators, without running anything.") { file };
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            var path = parseResult.GetRequiredValue(file).FullName;
            var problems = PipelineSpecLoader.Validate(path);
            foreach (var problem in problems)
            {
                config.Error.WriteLine(problem);
            }
            if (problems.Count > 0)
            {
                return ExitCodes.Invalid;
            }
            config.Output.WriteLine($"{Path.GetFileName(path)}: valid");
            return ExitCodes.Ok;
        });
        return command;
    }
}
