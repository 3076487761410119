namespace Ladder.Pipeline.Stages;

/// <summary>The lifecycle state of one pipeline stage, as <c>/v1/status</c> reports it.</summary>
public enum StageState
{
    /// <summary>Created, or opening its input or codec; no output yet.</summary>
    Starting,

    /// <summary>Processing.</summary>
    Running,

    /// <summary>The input failed (no packet within the input timeout, end of a live stream, read error) and the stage is reopening it with backoff.</summary>
    Reconnecting,

    /// <summary>The stage hit an error it cannot recover from by itself (e.g. a missing GPU); see the stage's error text.</summary>
    Failed,

    /// <summary>Stopped on request, or a non-looping file input reached its end.</summary>
    Stopped,
}
