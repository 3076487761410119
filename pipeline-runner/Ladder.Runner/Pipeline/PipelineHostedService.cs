namespace Ladder.Runner.Pipeline;

/// <summary>
/// Runs the pipeline inside the web host's lifetime: it starts once every hosted service, Kestrel included, has
/// started (so the origin answers as soon as inputs connect), and it stops, draining the encoders, when shutdown
/// begins and before any hosted service stops (so Kestrel still serves the last segments while the pipeline drains).
/// </summary>
internal sealed partial class PipelineHostedService(
    IPipelineRuntime runtime, RunnerLifecycle lifecycle, IHostApplicationLifetime lifetime, ILogger<PipelineHostedService> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            runtime.Start();
            lifecycle.MoveTo(RunnerState.Running);
            LogStarted(logger);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            lifecycle.Fail(RunnerState.Failed, ex);
            LogStartFailed(logger, ex);
            lifetime.StopApplication();
        }
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (lifecycle.State != RunnerState.Running)
        {
            return;
        }
        lifecycle.MoveTo(RunnerState.Stopping);
        LogStopping(logger);
        try
        {
            await runtime.StopAsync(cancellationToken).ConfigureAwait(false);
            lifecycle.MoveTo(RunnerState.Stopped);
            LogStopped(logger);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            lifecycle.Fail(RunnerState.Stopped, ex);
            LogStopFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Pipeline started")]
    private static partial void LogStarted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Pipeline could not start; the runner exits")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping the pipeline (draining the encoders)")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pipeline stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pipeline did not stop cleanly")]
    private static partial void LogStopFailed(ILogger logger, Exception exception);
}
