namespace Ladder.LibAv;

/// <summary>The <c>AVERROR</c> codes Ladder turns into results instead of exceptions (libavutil/error.h, Linux errno).</summary>
internal static class ErrorCodes
{
    /// <summary><c>AVERROR(EAGAIN)</c>: output is not ready, feed more input.</summary>
    public const int Again = -11;

    /// <summary><c>AVERROR_EOF</c> = <c>FFERRTAG('E','O','F',' ')</c>: end of stream.</summary>
    public const int EndOfFile = -541478725;

    /// <summary><c>AVERROR_EXIT</c> = <c>FFERRTAG('E','X','I','T')</c>: the interrupt callback stopped the call.</summary>
    public const int Exit = -1414092869;

    /// <summary><c>AVERROR(ENOMEM)</c>.</summary>
    public const int OutOfMemory = -12;
}
