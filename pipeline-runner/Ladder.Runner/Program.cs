using Ladder.Runner.Cli;
using Ladder.Runner.Pipeline;

return await RunnerCli.Create(LivePipelineRuntime.Create).Parse(args).InvokeAsync(RunnerCli.Invocation()).ConfigureAwait(false);
