namespace Ladder.ControllerRuntime.Events;

/// <summary>Who reports events and how the <see cref="EventRecorder"/> queues and aggregates them (client-go <c>tools/events</c> constants as defaults).</summary>
public sealed record EventRecorderOptions
{
    /// <summary>The <c>reportingController</c>, e.g. <c>ladder.dev/livestream-controller</c> (at most 128 characters).</summary>
    public required string ReportingController { get; init; }

    /// <summary>The <c>reportingInstance</c>, e.g. the pod name (at most 128 characters).</summary>
    public required string ReportingInstance { get; init; }

    /// <summary>Events waiting to be written before new ones are dropped (client-go <c>maxQueuedEvents</c>: 1000).</summary>
    public int QueueCapacity { get; init; } = 1000;

    /// <summary>
    /// How long after an event was last observed a repeat still joins its series instead of creating a new Event
    /// (client-go <c>finishTime</c>: 6 minutes).
    /// </summary>
    public TimeSpan SeriesWindow { get; init; } = TimeSpan.FromMinutes(6);

    /// <summary>Attempts per write when the server is unreachable, times out, throttles (429) or fails (5xx); other refusals are not retried.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The delay before the first retry, doubled after each (seconds-scale; client-go sleeps 10 s between tries).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
