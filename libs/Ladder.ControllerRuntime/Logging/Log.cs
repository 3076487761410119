using Microsoft.Extensions.Logging;

namespace Ladder.ControllerRuntime.Logging;

/// <summary>The controller runtime's log messages (source-generated, allocation-free when disabled).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Informer for {Resource}: resourceVersion {ResourceVersion} expired; relisting.")]
    public static partial void InformerExpired(this ILogger logger, Exception error, string resource, string? resourceVersion);

    [LoggerMessage(2, LogLevel.Warning, "Informer for {Resource}: {Phase} failed; retrying in {Delay}.")]
    public static partial void InformerFailed(this ILogger logger, Exception error, string resource, string phase, TimeSpan delay);

    [LoggerMessage(3, LogLevel.Error, "Informer for {Resource}: an event handler threw; the event was skipped for that handler.")]
    public static partial void HandlerFailed(this ILogger logger, Exception error, string resource);

    [LoggerMessage(4, LogLevel.Error, "Controller {Controller}: reconcile of {Key} failed; retrying with backoff.")]
    public static partial void ReconcileFailed(this ILogger logger, Exception error, string controller, string key);

    [LoggerMessage(5, LogLevel.Information, "Leader election {Lease}: {Identity} became the leader.")]
    public static partial void StartedLeading(this ILogger logger, string lease, string identity);

    [LoggerMessage(6, LogLevel.Warning, "Leader election {Lease}: {Identity} lost the lease (no successful renewal within the renew deadline).")]
    public static partial void StoppedLeading(this ILogger logger, string lease, string identity);

    [LoggerMessage(7, LogLevel.Warning, "Leader election {Lease}: could not acquire or renew the lease.")]
    public static partial void LeaseUpdateFailed(this ILogger logger, Exception error, string lease);

    [LoggerMessage(8, LogLevel.Warning, "Event recorder: could not write event {Event}; it was dropped.")]
    public static partial void EventWriteFailed(this ILogger logger, Exception error, string @event);

    [LoggerMessage(9, LogLevel.Information, "Leader election {Lease}: the leader is now {Identity}.")]
    public static partial void NewLeader(this ILogger logger, string lease, string identity);

    [LoggerMessage(10, LogLevel.Warning, "Leader election {Lease}: could not release the lease; other replicas take over once it expires.")]
    public static partial void LeaseReleaseFailed(this ILogger logger, Exception error, string lease);

    [LoggerMessage(11, LogLevel.Error, "Leader election {Lease}: a callback threw.")]
    public static partial void LeaderCallbackFailed(this ILogger logger, Exception error, string lease);

    [LoggerMessage(12, LogLevel.Warning, "Event recorder: the API server rejected event {Event} as invalid ({Causes}); it was dropped.")]
    public static partial void EventInvalid(this ILogger logger, Exception error, string @event, string causes);

    [LoggerMessage(13, LogLevel.Warning, "Event recorder: the queue is full ({Capacity}); event {Event} was dropped.")]
    public static partial void EventQueueFull(this ILogger logger, int capacity, string @event);

    [LoggerMessage(14, LogLevel.Information, "Event recorder: could not write event {Event}; retrying in {Delay}.")]
    public static partial void EventWriteRetry(this ILogger logger, Exception error, string @event, TimeSpan delay);
}
