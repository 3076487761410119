using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Stages;

/// <summary>
/// One pipeline stage: a loop on its own thread, a state, the last error and its counters. Subclasses implement
/// <see cref="Run"/>; an exception escaping it marks the stage <see cref="StageState.Failed"/> with the message, and
/// the rest of the pipeline stays up. Each stage has a stable <see cref="Id"/> (what it is, e.g. <c>encode/720p</c>, as <see cref="Reload.StageNames"/> names it)
/// and an <see cref="InstanceId"/> that changes when the stage is recreated, so a hot reload can show what restarted.
/// </summary>
internal abstract class Stage : IDisposable
{
    private static long s_instances;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _thread;
    private readonly Lock _stateLock = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StageState _state = StageState.Starting;
    private string? _error;
    private string? _detail;

    /// <summary>Creates the stage; <see cref="Start"/> starts its thread.</summary>
    protected Stage(string id, string kind, ILogger logger)
    {
        Id = id;
        Kind = kind;
        Logger = logger;
        InstanceId = $"{id}#{Interlocked.Increment(ref s_instances)}";
        _thread = new Thread(Loop) { IsBackground = true, Name = id };
    }

    /// <summary>Stable id within the pipeline, the name <see cref="Reload.StageNames"/> gives it and a reload plan lists: <c>ingest</c>, <c>ingest/primary</c>, <c>decode/video</c>, <c>encode/720p</c> (passthrough too), <c>audio</c>.</summary>
    public string Id { get; }

    /// <summary>A unique id for this instance of the stage.</summary>
    public string InstanceId { get; }

    /// <summary>ingest, decode, encode, passthrough or audio.</summary>
    public string Kind { get; }

    /// <summary>The stage's figures.</summary>
    public StageCounters Counters { get; } = new();

    /// <summary>Completes when the loop thread has ended, after <see cref="Finish"/> (downstream queues completed, resources released); never faults.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Items waiting in the stage's input queue.</summary>
    public virtual int QueueDepth => 0;

    /// <summary>The current state, its error text (for <see cref="StageState.Failed"/> and <see cref="StageState.Reconnecting"/>) and detail.</summary>
    public (StageState State, string? Error, string? Detail) Snapshot()
    {
        lock (_stateLock)
        {
            return (_state, _error, _detail);
        }
    }

    /// <summary>The logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>Cancelled when the stage must stop at once (dispose), not drain.</summary>
    protected CancellationToken Stopping => _stopping.Token;

    /// <summary>Starts the loop thread.</summary>
    public void Start() => _thread.Start();

    /// <summary>Asks the loop to stop at once.</summary>
    public void Cancel() => _stopping.Cancel();

    /// <summary>Waits for the loop thread to end.</summary>
    /// <returns>False when it did not end within <paramref name="timeout"/>.</returns>
    public bool Join(TimeSpan timeout) => !_thread.IsAlive || _thread.Join(timeout);

    /// <summary>Releases the stop signal; call after the thread ended (<see cref="Join"/>). Codec resources are released by <see cref="Finish"/> on the loop thread.</summary>
    public void Dispose() => _stopping.Dispose();

    /// <summary>The loop body; returns when its input ends or <see cref="Stopping"/> is cancelled.</summary>
    protected abstract void Run();

    /// <summary>Called on the loop thread after <see cref="Run"/> ends, even after a failure: complete downstream queues, release resources.</summary>
    protected abstract void Finish();

    /// <summary>Sets the state; <paramref name="error"/> is kept for <see cref="StageState.Failed"/>/<see cref="StageState.Reconnecting"/> and cleared otherwise.</summary>
    protected void SetState(StageState state, string? error = null, string? detail = null)
    {
        lock (_stateLock)
        {
            _state = state;
            _error = error;
            _detail = detail;
        }
    }

    private void Loop()
    {
        try
        {
            Run();
            if (Snapshot().State != StageState.Failed)
            {
                SetState(StageState.Stopped, detail: Snapshot().Detail);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            SetState(StageState.Stopped);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            SetState(StageState.Failed, error.Message);
            PipelineLog.StageFailed(Logger, Id, error);
        }
        finally
        {
            try
            {
                Finish();
            }
            finally
            {
                _ended.TrySetResult();
            }
        }
    }
}
