using System.Runtime.InteropServices;
using System.Text;
using Ladder.LibAv.Native;
using Microsoft.Extensions.Logging;

namespace Ladder.LibAv;

/// <summary>
/// Routes FFmpeg's log (libavutil/log.h <c>av_log_set_callback</c>) to an <see cref="ILogger"/>. The callback is a
/// static <see cref="UnmanagedCallersOnlyAttribute"/> method (nothing to keep alive), formats each message with
/// <c>av_log_format_line2</c> (the <c>va_list</c> arrives as a pointer on x86-64 System V), joins partial lines per
/// thread, and ignores messages logged re-entrantly from inside the logger. FFmpeg drops messages above the level
/// set with <c>av_log_set_level</c> before formatting, so verbose levels cost nothing when filtered. Every line passes
/// the redactor given to <see cref="Attach"/> before it reaches the logger, so a stream key or passphrase that FFmpeg
/// echoes (in a URL, in a protocol warning) never reaches the logs.
/// </summary>
public static unsafe class LibAvLog
{
    private const int LineSize = 1024;
    private static volatile ILogger? s_logger;
    private static volatile Func<string, string>? s_redact;

    [ThreadStatic]
    private static StringBuilder? t_pending;

    [ThreadStatic]
    private static bool t_inCallback;

    [ThreadStatic]
    private static int t_printPrefix;

    [ThreadStatic]
    private static LibAvLogCapture? t_capture;

    /// <summary>
    /// Sends FFmpeg's messages at <paramref name="minimumLevel"/> and above to <paramref name="logger"/> (replacing any
    /// earlier logger). FFmpeg levels map as: panic/fatal → Critical, error → Error, warning → Warning,
    /// info → Information, verbose/debug → Debug, trace → Trace.
    /// </summary>
    /// <param name="logger">The logger; FFmpeg may call it from any thread (decoder and muxer threads too).</param>
    /// <param name="minimumLevel">The least severe level to forward; sets <c>av_log_set_level</c> to match.</param>
    /// <param name="redact">Rewrites each message before it is logged (masks secrets); it must not throw and may be called from any thread; null logs messages as FFmpeg wrote them.</param>
    public static void Attach(ILogger logger, LogLevel minimumLevel = LogLevel.Warning, Func<string, string>? redact = null)
    {
        s_redact = redact;
        s_logger = logger;
        AvUtil.av_log_set_level(ToFFmpegLevel(minimumLevel));
        AvUtil.av_log_set_callback(&OnLog);
    }

    /// <summary>Restores FFmpeg's default stderr logging (<c>av_log_default_callback</c>) at level info.</summary>
    public static void Detach()
    {
        var defaultCallback = (delegate* unmanaged<void*, int, byte*, void*, void>)LibAvLoader.GetExport(AvUtil.Name, "av_log_default_callback");
        AvUtil.av_log_set_callback(defaultCallback);
        AvUtil.av_log_set_level(ToFFmpegLevel(LogLevel.Information));
        s_logger = null;
        s_redact = null;
    }

    /// <summary>
    /// Starts keeping the warnings and errors FFmpeg logs on the calling thread (see <see cref="LibAvLogCapture"/>);
    /// captures nest, the innermost one receiving the lines until it is disposed.
    /// </summary>
    /// <returns>The capture; dispose it on this thread.</returns>
    public static LibAvLogCapture Capture() => t_capture = new LibAvLogCapture(t_capture);

    internal static void EndCapture(LibAvLogCapture capture, LibAvLogCapture? outer)
    {
        if (t_capture == capture)
        {
            t_capture = outer;
        }
    }

    /// <summary>Maps an FFmpeg <c>AV_LOG_*</c> level to a <see cref="LogLevel"/>.</summary>
    /// <param name="level">An FFmpeg level (0 panic ... 56 trace).</param>
    /// <returns>The matching .NET level.</returns>
    public static LogLevel ToLogLevel(int level) => level switch
    {
        <= 8 => LogLevel.Critical, // AV_LOG_PANIC 0, AV_LOG_FATAL 8
        <= 16 => LogLevel.Error, // AV_LOG_ERROR
        <= 24 => LogLevel.Warning, // AV_LOG_WARNING
        <= 32 => LogLevel.Information, // AV_LOG_INFO
        <= 48 => LogLevel.Debug, // AV_LOG_VERBOSE 40, AV_LOG_DEBUG 48
        _ => LogLevel.Trace, // AV_LOG_TRACE 56
    };

    private static int ToFFmpegLevel(LogLevel level) => level switch
    {
        LogLevel.Trace => 56,
        LogLevel.Debug => 48,
        LogLevel.Information => 32,
        LogLevel.Warning => 24,
        LogLevel.Error => 16,
        LogLevel.Critical => 8,
        _ => -8, // AV_LOG_QUIET
    };

    [UnmanagedCallersOnly]
    private static void OnLog(void* context, int level, byte* format, void* arguments)
    {
        var logger = s_logger;
        if (logger is null || t_inCallback || level > AvUtil.av_log_get_level())
        {
            return;
        }

        t_inCallback = true;
        try
        {
            var line = stackalloc byte[LineSize];
            var printPrefix = t_printPrefix;
            if (AvUtil.av_log_format_line2(context, level, format, arguments, line, LineSize, &printPrefix) < 0)
            {
                return;
            }

            t_printPrefix = printPrefix;
            var text = NativeText.Read(line) ?? string.Empty;
            var pending = t_pending ??= new StringBuilder();
            pending.Append(text);
            if (!text.EndsWith('\n'))
            {
                return; // FFmpeg finishes this line in a later call
            }

            var message = pending.ToString().TrimEnd('\n', '\r');
            pending.Clear();
            if (message.Length == 0)
            {
                return;
            }

            var logLevel = ToLogLevel(level);
            var redacted = s_redact is { } redact ? redact(message) : message;
            if (level <= 24)
            {
                t_capture?.Add(redacted); // AV_LOG_WARNING and worse
            }

            if (logger.IsEnabled(logLevel))
            {
                logger.Log(logLevel, "{FFmpegMessage}", redacted);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A logger failure must not unwind into native code; the message is lost.
            t_pending?.Clear();
        }
        finally
        {
            t_inCallback = false;
        }
    }
}
