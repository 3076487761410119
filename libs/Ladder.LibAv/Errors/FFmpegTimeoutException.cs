namespace Ladder.LibAv;

/// <summary>
/// A blocking libavformat call (open, probe, read) was interrupted by Ladder's <c>AVIOInterruptCB</c> because its
/// deadline passed; the message names the call, the URL and the timeout.
/// </summary>
public sealed class FFmpegTimeoutException : FFmpegException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="context">The C function and URL, e.g. <c>avformat_open_input("udp://...")</c>.</param>
    /// <param name="errorCode">The code the call returned (usually <c>AVERROR_EXIT</c>).</param>
    /// <param name="timeout">The timeout that passed.</param>
    public FFmpegTimeoutException(string context, int errorCode, TimeSpan timeout)
        : base(context, errorCode, $"{context} timed out after {timeout.TotalSeconds:0.###} s with no data from the source; check that it is publishing, or raise the timeout.")
        => Timeout = timeout;

    /// <summary>The timeout that passed.</summary>
    public TimeSpan Timeout { get; }
}
