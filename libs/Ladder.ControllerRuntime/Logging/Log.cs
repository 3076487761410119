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
}
