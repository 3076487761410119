namespace Ladder.Runner.Pipeline;

/// <summary>Where the runner's pipeline is in its life, as <c>/v1/status</c> reports it.</summary>
internal enum RunnerState
{
    /// <summary>The host is starting; the pipeline has not been started yet.</summary>
    Starting,

    /// <summary>The pipeline runs (inputs may still be connecting; see the pipeline's own status).</summary>
    Running,

    /// <summary>The pipeline could not start; <see cref="RunnerLifecycle.LastError"/> says why.</summary>
    Failed,

    /// <summary>Shutdown was requested; the pipeline drains.</summary>
    Stopping,

    /// <summary>The pipeline stopped.</summary>
    Stopped,
}
