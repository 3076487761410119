using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Push;

/// <summary>The push outputs' log messages; every URL and error text in them is masked.</summary>
internal static partial class PushLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Push {Target} live to {Url} ({Rendition})")]
    public static partial void Live(ILogger logger, string target, string url, string rendition);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Push {Target} to {Url} failed, retrying in {DelaySeconds:F1} s: {Error}")]
    public static partial void Failed(ILogger logger, string target, string url, double delaySeconds, string error);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Push {Target} stopped")]
    public static partial void Stopped(ILogger logger, string target);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Push {Target} reconnecting: {Reason}")]
    public static partial void Restarting(ILogger logger, string target, string reason);
}
