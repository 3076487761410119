namespace Ladder.LibAv;

/// <summary>
/// A blocking libavformat call (open, probe, read, connect, write) was interrupted by Ladder's <c>AVIOInterruptCB</c>
/// because its deadline passed; the message names the call, the URL and the timeout.
/// </summary>
public sealed class FFmpegTimeoutException : FFmpegException
{
    /// <summary>Creates the exception for an input that delivered no data.</summary>
    /// <param name="context">The C function and URL, e.g. <c>avformat_open_input("udp://...")</c>.</param>
    /// <param name="errorCode">The code the call returned (usually <c>AVERROR_EXIT</c>).</param>
    /// <param name="timeout">The timeout that passed.</param>
    public FFmpegTimeoutException(string context, int errorCode, TimeSpan timeout)
        : this(context, errorCode, timeout, "with no data from the source; check that it is publishing, or raise the timeout.")
    {
    }

    /// <summary>Creates the exception with the reason of the caller's own.</summary>
    /// <param name="context">The C function and URL, e.g. <c>av_interleaved_write_frame("srt://...")</c>.</param>
    /// <param name="errorCode">The code the call returned (usually <c>AVERROR_EXIT</c>).</param>
    /// <param name="timeout">The timeout that passed.</param>
    /// <param name="reason">Ends the message after "timed out after N s": what was waited for and what to check.</param>
    public FFmpegTimeoutException(string context, int errorCode, TimeSpan timeout, string reason)
        : base(context, errorCode, $"{context} timed out after {timeout.TotalSeconds:0.###} s {reason}")
        => Timeout = timeout;

    /// <summary>The timeout that passed.</summary>
    public TimeSpan Timeout { get; }
}
