using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Stages;

/// <summary>The media core's log messages (source-generated, no allocation when the level is off).</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Stage {Stage} failed")]
    public static partial void StageFailed(ILogger logger, string stage, Exception error);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Input {Input} opened: {Description}")]
    public static partial void InputOpened(ILogger logger, string input, string description);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Input {Input} lost, reconnecting in {DelaySeconds} s: {Reason}")]
    public static partial void InputLost(ILogger logger, string input, double delaySeconds, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Track {Track} announced: {Parameters}")]
    public static partial void TrackAdded(ILogger logger, string track, Ladder.LibAv.CodecParameters parameters);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Input switched from {From} to {To} ({Reason}): {Message}")]
    public static partial void InputSwitched(ILogger logger, string from, string to, string reason, string message);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Input {Input}: {Reason}")]
    public static partial void SenderRefused(ILogger logger, string input, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Encoder of rendition {Rendition} failed ({Failures} in a row): a new one takes over at a segment boundary in {DelaySeconds} s")]
    public static partial void EncoderRestarting(ILogger logger, string rendition, int failures, double delaySeconds);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Transparent huge pages stay on for this process (prctl PR_SET_THP_DISABLE refused or not Linux): x264's buffers count whole 2 MiB pages")]
    public static partial void HugePagesKept(ILogger logger);
}
