namespace Ladder.Runner.Pipeline;

/// <summary>The runner's state and the error that put it there, shared by the hosted service and the status endpoint.</summary>
internal sealed class RunnerLifecycle(TimeProvider time)
{
    private readonly Lock _gate = new();
    private RunnerState _state = RunnerState.Starting;
    private string? _lastError;
    private DateTimeOffset? _startedAt;

    /// <summary>The current state.</summary>
    public RunnerState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The error that made the pipeline fail to start or stop, or null.</summary>
    public string? LastError
    {
        get
        {
            lock (_gate)
            {
                return _lastError;
            }
        }
    }

    /// <summary>When the pipeline started (UTC), or null before.</summary>
    public DateTimeOffset? StartedAt
    {
        get
        {
            lock (_gate)
            {
                return _startedAt;
            }
        }
    }

    /// <summary>Moves to <paramref name="state"/>; <see cref="RunnerState.Running"/> records the start time.</summary>
    public void MoveTo(RunnerState state)
    {
        lock (_gate)
        {
            _state = state;
            if (state == RunnerState.Running)
            {
                _startedAt = time.GetUtcNow();
            }
        }
    }

    /// <summary>Moves to <paramref name="state"/> and records <paramref name="error"/>.</summary>
    public void Fail(RunnerState state, Exception error)
    {
        lock (_gate)
        {
            _state = state;
            _lastError = error.Message;
        }
    }
}
