using Ladder.LibAv.Native;

namespace Ladder.LibAv;

/// <summary>
/// A libav* call returned a negative error code (an <c>AVERROR</c>). The message names the C function (and its
/// subject, such as the URL), the <c>av_strerror</c> text and the code, for example
/// <c>avformat_open_input("rtmp://127.0.0.1:1/live/x") failed: Connection refused (-111)</c>.
/// </summary>
public class FFmpegException : Exception
{
    /// <summary>Creates the exception for <paramref name="errorCode"/> returned by <paramref name="context"/>.</summary>
    /// <param name="context">The C function and its subject, e.g. <c>avcodec_open2(libx264)</c>.</param>
    /// <param name="errorCode">The negative <c>AVERROR</c> code.</param>
    public FFmpegException(string context, int errorCode)
        : this(context, errorCode, $"{context} failed: {ErrorText(errorCode)} ({errorCode})")
    {
    }

    /// <summary>Creates the exception with a message of the caller's own (for errors that need more guidance).</summary>
    /// <param name="context">The C function and its subject.</param>
    /// <param name="errorCode">The negative <c>AVERROR</c> code.</param>
    /// <param name="message">The full message.</param>
    public FFmpegException(string context, int errorCode, string message)
        : base(message)
    {
        Context = context;
        ErrorCode = errorCode;
    }

    /// <summary>The C function that failed, with its subject (URL, codec name...).</summary>
    public string Context { get; }

    /// <summary>The negative <c>AVERROR</c> code, e.g. -111 for <c>AVERROR(ECONNREFUSED)</c>.</summary>
    public int ErrorCode { get; }

    /// <summary>The <c>av_strerror</c> text of <see cref="ErrorCode"/>.</summary>
    public string ErrorDescription => ErrorText(ErrorCode);

    /// <summary>Describes an <c>AVERROR</c> code with <c>av_strerror</c>.</summary>
    /// <param name="errorCode">The code.</param>
    /// <returns>The text, e.g. "Connection refused".</returns>
    public static unsafe string ErrorText(int errorCode)
    {
        const int size = 256;
        var buffer = stackalloc byte[size];
        return AvUtil.av_strerror(errorCode, buffer, size) < 0
            ? $"unknown error {errorCode}"
            : NativeText.Read(buffer) ?? string.Empty;
    }
}
