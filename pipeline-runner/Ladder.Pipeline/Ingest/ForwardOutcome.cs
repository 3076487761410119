namespace Ladder.Pipeline.Ingest;

/// <summary>What <see cref="FailoverIngestStage.Forward"/> did with a reader's packet.</summary>
internal enum ForwardOutcome
{
    /// <summary>Not judged: the reader stands by (another input is active), or its session has not begun yet.</summary>
    Standby,

    /// <summary>Dropped: the active reader's packet cannot be placed on the output timeline (no timestamp, before the first keyframe).</summary>
    Unusable,

    /// <summary>Placed on the output timeline (its timestamps rewritten in place) and handed to the consumers.</summary>
    Delivered,
}
